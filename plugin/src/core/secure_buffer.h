// SecureBuffer: bytes that may hold a secret (a value, a key). The allocator wipes
// the memory before it is returned to the heap, so freed secrets do not linger.
// Core stays free of Botan; crypto/ converts to and from Botan::secure_vector.
#ifndef PARAMSAFE_CORE_SECURE_BUFFER_H_
#define PARAMSAFE_CORE_SECURE_BUFFER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace paramsafe::core {

// Overwrites n bytes in a way the optimizer may not remove.
void SecureWipe(void* p, std::size_t n);

template <typename T>
struct WipingAllocator {
  using value_type = T;
  WipingAllocator() noexcept = default;
  template <typename U>
  WipingAllocator(const WipingAllocator<U>&) noexcept {}  // NOLINT
  T* allocate(std::size_t n) { return std::allocator<T>().allocate(n); }
  void deallocate(T* p, std::size_t n) noexcept {
    SecureWipe(p, n * sizeof(T));
    std::allocator<T>().deallocate(p, n);
  }
  template <typename U>
  bool operator==(const WipingAllocator<U>&) const noexcept { return true; }
};

using SecureBuffer = std::vector<std::uint8_t, WipingAllocator<std::uint8_t>>;
using SecureString = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;

inline SecureBuffer ToSecureBuffer(std::string_view s) {
  return SecureBuffer(s.begin(), s.end());
}
inline std::string_view AsStringView(const SecureBuffer& b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_SECURE_BUFFER_H_
