#include "common/wiping_resource.h"

#include <boost/json/memory_resource.hpp>
#include <new>

#include "core/secure_buffer.h"

namespace paramsafe::adapters {

namespace {

class WipingResource final : public boost::json::memory_resource {
 private:
  void* do_allocate(std::size_t n, std::size_t align) override {
    return ::operator new(n, std::align_val_t(align));
  }
  void do_deallocate(void* p, std::size_t n, std::size_t align) override {
    core::SecureWipe(p, n);
    ::operator delete(p, n, std::align_val_t(align));
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
