// kernsim — the command line: run scenarios, check them, compare policies.
#include <iostream>

#include "apps/kernsim/commands.h"
#include "sim-core/error.h"

int main(int argc, char** argv) {
  using namespace ks::cli;
  CLI::App app{
      "kernsim: an educational operating-system simulator.\n"
      "Runs scenarios (JSON files describing a machine, a kernel and a workload) in virtual time;\n"
      "the same scenario and seed always give the same trace, byte for byte.",
      "kernsim"};
  app.set_version_flag("--version", std::string("kernsim ") + KS_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit status: 0 success, 2 bad input or usage, 1 simulation error.\n"
      "Examples:\n"
      "  kernsim run labs/demos/intro.json --policy rr --param quantum=2\n"
      "  kernsim sched --policy rr --quantum 2 --jobs 0:8,1:4,2:9\n"
      "  kernsim paging --policy clock --frames 3 --refs 1,2,3,4,1,2,5,1,2,3,4,5\n"
      "  kernsim disk --policy sstf --head 53 --requests 98,183,37,122,14,124,65,67\n"
      "  kernsim compare labs/demos/intro.json --policies fifo,rr --param quantum=2\n"
      "  kernsim exec userland/prebuilt/crc32.elf\n"
      "  kernsim explore userland/prebuilt/demos/lost_update.elf --cpus 2 --runs 20\n"
      "  kernsim boot   (a shell on the simulated machine; /bin from userland/prebuilt)\n"
      "  kernsim mkfs --type fat32 disk.img --size 64M; kernsim image put disk.img notes.txt; kernsim fsck disk.img\n"
      "  kernsim validate labs/demos/*.json");
  int status = kExitOk;
  add_run_command(app, status);
  add_validate_command(app, status);
  add_sched_command(app, status);
  add_paging_command(app, status);
  add_disk_command(app, status);
  add_compare_command(app, status);
  add_exec_command(app, status);
  add_boot_command(app, status);
  add_explore_command(app, status);
  add_mkfs_command(app, status);
  add_fsck_command(app, status);
  add_image_command(app, status);
  add_ostep_command(app, status, argv[0]);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    app.exit(error);
    return kExitBadInput;
  } catch (const ks::InputError& error) {
    std::cerr << "error: " << error.what() << '\n';
    return kExitBadInput;
  } catch (const ks::InvariantError& error) {
    std::cerr << "simulation error: " << error.what() << '\n';
    return kExitSimulationError;
  } catch (const std::bad_alloc&) {
    std::cerr << "simulation error: out of memory\n";
    return kExitSimulationError;
  }
  return status;
}
