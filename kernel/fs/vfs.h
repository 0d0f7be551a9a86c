// kernel/fs/vfs.h — the virtual file system: the mount table, path resolution, vnode operations.
//
// THE LAYERS, as a student of OS knows them: system calls (kernel/proc/syscalls_files.cpp) use
// descriptors (FdTable) that point at open files (kernel/fs/file.h), which call their operations
// (FileOps) on a vnode, a pipe or the console. A vnode is (file system, inode number); the VFS
// turns paths into vnodes and passes each operation to the vnode's file system
// (kernel/fs/file_system.h), which knows nothing of paths or mounts.
//
// THE MOUNT TABLE. The root file system is mounted at "/" (a MemFs filled at boot). Another file
// system can be mounted on a directory: the directory is then covered, and a path that reaches it
// goes on in the mounted file system's root; ".." at that root goes back to the covered
// directory's parent. The covered directory is held like an open file while the mount lasts, and
// cannot be removed or renamed (-EBUSY). Mounts last until the VFS ends (there is no umount yet);
// disk images are mounted at boot (kernel/fs/image_mount.h) and written back by sync() and at
// the end of the run.
//
// ACROSS FILE SYSTEMS. A rename moves a name within one file system: from one to another it is
// -EXDEV, as in Unix (mv then copies). A read-only file system refuses every change itself with
// -EROFS; the VFS also refuses to open its files for writing (open_for_write).
//
// PATH RESOLUTION (namei.cpp, the one place it is done): from the root for an absolute path, else
// from a starting directory (the working directory, or a *at() call's directory descriptor), one
// component at a time; empty components and "." are skipped, ".." goes to the parent. There are no
// symbolic links. Errors, in this order: an empty path -ENOENT, a path over 4096 bytes or a name
// over 255 -ENAMETOOLONG, a component under a file -ENOTDIR, a missing name -ENOENT, and a
// trailing "/" after a file -ENOTDIR.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kernel/fs/file.h"
#include "kernel/fs/file_system.h"

namespace ks {

// A vnode, or the error (-errno) that kept a path from naming one.
struct VnodeResult {
  Vnode vnode;
  std::int64_t error = 0;  // 0, or -errno
  bool ok() const { return error == 0; }
};

class Vfs {
 public:
  static constexpr std::size_t kMaxPath = 4096;  // bytes of a path
  static constexpr std::size_t kMaxName = 255;   // bytes of one name

  // A VFS whose root file system is ROOT (an empty MemFs by default).
  Vfs();
  explicit Vfs(std::unique_ptr<FileSystem> root);

  Vnode root() const;
  // Mounts FS on the directory PATH (absolute): 0, or -ENOENT, -ENOTDIR, -EBUSY (PATH is "/",
  // or a directory that already has a file system mounted on it).
  std::int64_t mount(std::string_view path, std::unique_ptr<FileSystem> fs);
  // The mounted file systems, the root's first.
  std::vector<const FileSystem*> mounted() const;

  // namei.cpp: the vnode PATH names, from directory START for a relative path.
  VnodeResult lookup(Vnode start, std::string_view path) const;
  // The directory that would hold PATH's last component, and that component (NAME); an error
  // when a directory on the way is missing or PATH has no last component ("/", "x/..": -EINVAL).
  VnodeResult lookup_parent(Vnode start, std::string_view path, std::string& name) const;
  // The parent of directory DIR, across a mount point (the root is its own parent).
  Vnode parent(Vnode dir) const;
  // The absolute path of directory DIR ("/" for the root); empty when DIR was removed.
  std::string path_of(Vnode dir) const;

  // Operations on a name in directory DIR (as FileSystem's), refusing to remove a mount point.
  VnodeResult create(Vnode dir, std::string_view name);
  VnodeResult mkdir(Vnode dir, std::string_view name);
  std::int64_t unlink(Vnode dir, std::string_view name);
  std::int64_t rmdir(Vnode dir, std::string_view name);
  // Moves FROM_NAME of FROM_DIR to TO_NAME of TO_DIR (FileSystem::rename): -EXDEV when the two
  // directories are on different file systems, -EBUSY when either name is a mount point.
  std::int64_t rename(Vnode from_dir, std::string_view from_name, Vnode to_dir, std::string_view to_name);
  // Writes every mounted file system back to what holds it: 0, or the first error (-EIO).
  std::int64_t sync();
  // Whether VNODE may be opened for writing: 0, or -EROFS on a read-only file system.
  std::int64_t open_for_write(Vnode vnode) const;

  InodeStat stat(Vnode vnode) const { return vnode.fs->stat(vnode.ino); }
  bool is_directory(Vnode vnode) const { return stat(vnode).type == FileType::Directory; }
  void open_inode(Vnode vnode) { vnode.fs->open_inode(vnode.ino); }
  void close_inode(Vnode vnode) { vnode.fs->close_inode(vnode.ino); }
  std::int64_t truncate(Vnode vnode, std::uint64_t size) { return vnode.fs->truncate(vnode.ino, size); }
  // Reads the whole file VNODE into OUT: 0 or -errno. Only for a file system that does not block
  // (exec reads the program this way; a disk file system will need the blocking model).
  std::int64_t read_whole(Vnode vnode, std::vector<std::uint8_t>& out) const;

  // inode_file.cpp: an open file of VNODE (a file or a directory) with the open FLAGS; it holds
  // the inode until it is released (release_file).
  FileRef open(Vnode vnode, std::uint32_t flags);

  // Boot-time filling: makes the file at absolute PATH (and its missing parent directories)
  // holding BYTES, replacing a file already there. False when PATH is not absolute or runs
  // through a file.
  bool install_file(std::string_view path, std::span<const std::uint8_t> bytes);
  bool install_directory(std::string_view path);

 private:
  struct Mount {
    std::unique_ptr<FileSystem> fs;
    Vnode covered;  // the directory it covers ({} for the root file system)
  };
  // The root of what is mounted on DIR, or DIR when nothing is.
  Vnode cross_mounts(Vnode dir) const;
  const Mount* mount_covering(Vnode dir) const;
  const Mount& mount_of(const FileSystem* fs) const;

  std::vector<Mount> mounts_;  // [0] is the root file system
};

}  // namespace ks
