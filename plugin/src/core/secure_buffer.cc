#include "core/secure_buffer.h"

#include <string.h>

namespace paramsafe::core {

void SecureWipe(void* p, std::size_t n) {
  // explicit_bzero (glibc) is never elided as a dead store and runs at memset
  // speed; a byte loop through a volatile pointer cost 5-8 % of a cached read.
  if (n != 0) explicit_bzero(p, n);
}

}  // namespace paramsafe::core
