// Base64 (RFC 4648, with padding), as AWS JSON uses for blobs.
#ifndef PARAMSAFE_ADAPTERS_COMMON_BASE64_H_
#define PARAMSAFE_ADAPTERS_COMMON_BASE64_H_

#include <cstdint>
#include <string>
#include <vector>

namespace paramsafe::adapters {

std::string Base64Encode(const std::uint8_t* data, std::size_t size);
inline std::string Base64Encode(const std::vector<std::uint8_t>& v) {
  return Base64Encode(v.data(), v.size());
}

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_BASE64_H_
