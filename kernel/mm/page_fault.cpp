// The page-fault handler (design: page_fault.h). A skeleton, as Pintos's page_fault() is: virtual
// memory fills it in (look the address up, find or free a frame, map it, say Resolved or Blocked).
#include "kernel/mm/page_fault.h"

namespace ks {

FaultResolution handle_page_fault(AddressSpace& /*space*/, std::uint32_t /*address*/, AccessType /*access*/) {
  return FaultResolution::Fatal;  // every page of a space is mapped when it is made (see the header)
}

}  // namespace ks
