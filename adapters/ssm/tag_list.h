// The tag members of SSM requests: Tag lists (AddTagsToResource's and
// PutParameter's "Tags") and tag key lists (RemoveTagsFromResource's
// "TagKeys"), checked against the model: Key 1-128 and Value 0-256 characters,
// both matching kTagPattern; a Tag list holds at most 1000 tags. The reserved
// "aws:" prefix and the 50-tag limit are core rules (core/tag_service.h).
//
// PutParameter reads its Tags like this:
//   RequestReader r(req);
//   ListReader lists(r, req);
//   ... r.String(...) for the scalar members ...
//   auto tags = ReadTagList(lists, "Tags", /*required=*/false);
//   if (auto e = lists.Error()) return *e;   // instead of r.Error()
//   if (tags) {
//     auto prepared = core::PrepareNewItemTags(*tags);  // aws: keys, > 50 tags
//     if (!prepared.ok()) return ErrorFromStatus(prepared.status());
//   }
#ifndef PARAMSAFE_ADAPTERS_SSM_TAG_LIST_H_
#define PARAMSAFE_ADAPTERS_SSM_TAG_LIST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/list_reader.h"
#include "core/parameter.h"

namespace paramsafe::adapters::ssm {

// The model's pattern for tag keys and values, as messages quote it.
inline constexpr char kTagPattern[] = "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$";

// Whether text matches kTagPattern: letters, separators and numbers of any
// script, and _ . : / = + - @. Valid UTF-8 only.
bool MatchesTagPattern(std::string_view text);

// A list of Tag structures, in request order (duplicates kept: TagService
// decides what a repeated key means). nullopt when absent or of the wrong
// JSON type; model violations are recorded in lists' reader.
std::optional<std::vector<core::Tag>> ReadTagList(ListReader& lists, std::string_view member,
                                                  bool required);

// A list of tag keys (no length limit on the list).
std::optional<std::vector<std::string>> ReadTagKeyList(ListReader& lists, std::string_view member,
                                                       bool required);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_TAG_LIST_H_
