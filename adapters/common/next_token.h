// NextToken: the opaque page token of the listing operations. It names where
// the next page starts and is bound to the operation and to the request that
// produced it (its fingerprint: path, filters, ...), so a token from another
// listing, an altered or a truncated token is refused (each face answers with
// its own error type). It is not secret and not encrypted: forging one only
// moves where a listing the caller may run anyway starts. Tokens stay valid across restarts and
// across hosts sharing one database.
#ifndef PARAMSAFE_ADAPTERS_COMMON_NEXT_TOKEN_H_
#define PARAMSAFE_ADAPTERS_COMMON_NEXT_TOKEN_H_

#include <optional>
#include <string>
#include <string_view>

namespace paramsafe::adapters {

std::string EncodeNextToken(std::string_view operation, std::string_view fingerprint,
                            std::string_view position);

// The position, or nullopt when the token is not one EncodeNextToken made for
// this operation and fingerprint.
std::optional<std::string> DecodeNextToken(std::string_view token, std::string_view operation,
                                           std::string_view fingerprint);

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_NEXT_TOKEN_H_
