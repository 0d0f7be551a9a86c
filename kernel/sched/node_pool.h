// kernel/sched/node_pool.h — an allocator that recycles the nodes of ordered containers.
//
// Policies that keep their ready threads in a std::set or std::map (CFS, EEVDF, SJF, ...)
// insert and erase a node at almost every scheduling event. NodePool keeps freed nodes on a
// free list and hands them out again, so a long run allocates only as many nodes as were ever
// queued at once. Memory is returned when the pool (the container) is destroyed.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace ks {

template <typename T>
class NodePool {
 public:
  using value_type = T;
  NodePool() = default;
  template <typename U>
  NodePool(const NodePool<U>& /*other*/) {}  // NOLINT: converting copy for rebinding

  T* allocate(std::size_t n) {
    if (n != 1) return std::allocator<T>().allocate(n);
    if (!free_->empty()) {
      T* node = free_->back();
      free_->pop_back();
      return node;
    }
    return std::allocator<T>().allocate(1);
  }
  void deallocate(T* p, std::size_t n) {
    if (n != 1) {
      std::allocator<T>().deallocate(p, n);
      return;
    }
    free_->push_back(p);
  }

  template <typename U>
  bool operator==(const NodePool<U>& /*other*/) const {
    return false;
  }

 private:
  // The free list releases its nodes when the last copy of the pool goes away.
  struct FreeList : std::vector<T*> {
    ~FreeList() {
      for (T* node : *this) std::allocator<T>().deallocate(node, 1);
    }
  };
  std::shared_ptr<FreeList> free_ = std::make_shared<FreeList>();
};

}  // namespace ks
