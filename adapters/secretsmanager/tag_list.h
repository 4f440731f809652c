// The tag members of Secrets Manager requests: Tags (CreateSecret,
// TagResource) and TagKeys (UntagResource), checked against the model: Key
// 1-128 and Value 0-256 characters, no pattern and no list limit (the 50-tag
// quota and the reserved "aws:" prefix are core rules).
#ifndef PARAMSAFE_ADAPTERS_SECRETSMANAGER_TAG_LIST_H_
#define PARAMSAFE_ADAPTERS_SECRETSMANAGER_TAG_LIST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/list_reader.h"
#include "core/parameter.h"

namespace paramsafe::adapters::secretsmanager {

// A list of Tag structures, in request order. The model does not require a
// tag's Value: a tag without one gets the empty value. A tag without a Key is a
// violation ("Value null at 'tags.1.member.key'"). nullopt when absent, of the
// wrong JSON type, or incomplete.
std::optional<std::vector<core::Tag>> ReadTags(ListReader& lists, std::string_view member,
                                               bool required);

// A list of tag keys.
std::optional<std::vector<std::string>> ReadTagKeys(ListReader& lists, std::string_view member,
                                                    bool required);

}  // namespace paramsafe::adapters::secretsmanager

#endif  // PARAMSAFE_ADAPTERS_SECRETSMANAGER_TAG_LIST_H_
