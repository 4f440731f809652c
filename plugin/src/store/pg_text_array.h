// PostgreSQL array literals for text[] parameters, so a list of values
// travels as one $n (`$n::text[]`) instead of one statement per value.
#ifndef PARAMSAFE_STORE_PG_TEXT_ARRAY_H_
#define PARAMSAFE_STORE_PG_TEXT_ARRAY_H_

#include <string>
#include <vector>

namespace paramsafe::store {

// The text form of a text[] holding `values` in order: every element quoted,
// so commas, braces, spaces and the word NULL stay plain text.
std::string TextArrayLiteral(const std::vector<std::string>& values);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_TEXT_ARRAY_H_
