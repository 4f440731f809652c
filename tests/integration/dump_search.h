// Searching a database dump for a secret in the encodings it could take there.
#ifndef PARAMSAFE_TESTS_INTEGRATION_DUMP_SEARCH_H_
#define PARAMSAFE_TESTS_INTEGRATION_DUMP_SEARCH_H_

#include <string>
#include <string_view>

namespace paramsafe::integration {

// True when `secret` appears in `dump` as plain text, as lower- or upper-case
// hex (how bytea shows, after "\x"), or as base64. Never prints the secret.
bool DumpContainsSecret(std::string_view dump, std::string_view secret);

// A unique, recognisable value: prefix + 32 random hex characters.
std::string RandomCanary(std::string_view prefix);

}  // namespace paramsafe::integration

#endif  // PARAMSAFE_TESTS_INTEGRATION_DUMP_SEARCH_H_
