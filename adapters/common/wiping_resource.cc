#include "common/wiping_resource.h"

#include <boost/json/memory_resource.hpp>
#include <new>

#include "core/secure_buffer.h"

namespace paramsafe::adapters {

namespace {

class WipingResource final : public boost::json::memory_resource {
 private:
  // Like std::pmr::new_delete_resource: the aligned operators only for
  // over-aligned requests. Boost.JSON frees some blocks with a different
  // (still default-or-less) alignment than it allocated them with, and the
  // aligned and plain operators must not be mixed.
  void* do_allocate(std::size_t n, std::size_t align) override {
    if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      return ::operator new(n, std::align_val_t(align));
    }
    return ::operator new(n);
  }
  void do_deallocate(void* p, std::size_t n, std::size_t align) override {
    core::SecureWipe(p, n);
    if (align > __STDCPP_DEFAULT_NEW_ALIGNMENT__) {
      ::operator delete(p, n, std::align_val_t(align));
    } else {
      ::operator delete(p, n);
    }
  }
  bool do_is_equal(const memory_resource& other) const noexcept override {
    return this == &other;
  }
};

}  // namespace

boost::json::storage_ptr WipingStorage() {
  static WipingResource resource;
  // Non-owning: the static resource outlives every document.
  return boost::json::storage_ptr(&resource);
}

}  // namespace paramsafe::adapters
