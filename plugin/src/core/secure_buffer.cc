#include "core/secure_buffer.h"

namespace paramsafe::core {

void SecureWipe(void* p, std::size_t n) {
  // A volatile pointer keeps the stores from being elided as dead.
  volatile std::uint8_t* b = static_cast<volatile std::uint8_t*>(p);
  for (std::size_t i = 0; i < n; ++i) b[i] = 0;
}

}  // namespace paramsafe::core
