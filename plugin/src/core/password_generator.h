// Random passwords as Secrets Manager's GetRandomPassword makes them.
#ifndef PARAMSAFE_CORE_PASSWORD_GENERATOR_H_
#define PARAMSAFE_CORE_PASSWORD_GENERATOR_H_

#include <cstddef>
#include <string>

#include "core/random_source.h"
#include "core/secure_buffer.h"
#include "core/status.h"

namespace paramsafe::core {

// The 32 ASCII punctuation characters AWS draws from.
inline constexpr const char* kPasswordPunctuation = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

struct PasswordOptions {
  std::size_t length = 32;
  std::string exclude_characters;
  bool exclude_numbers = false;
  bool exclude_punctuation = false;
  bool exclude_uppercase = false;
  bool exclude_lowercase = false;
  bool include_space = false;
  // At least one character of every class that is included and not emptied
  // by exclude_characters.
  bool require_each_included_type = true;
};

// kInvalidArgument when no character is left to draw from, or when length is
// smaller than the number of classes that must each appear.
Result<SecureBuffer> GeneratePassword(const PasswordOptions& options, RandomSource& random);

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_PASSWORD_GENERATOR_H_
