// ListReader: the list members of AWS requests (SSM's Names, Labels, Tags;
// Secrets Manager's Tags, VersionStages, SecretIdList, Filters), which
// RequestReader does not read. Model violations go into the
// RequestReader, in AWS's wording for lists:
//   Value '[a, b]' at 'names' failed to satisfy constraint: Member must have
//   length less than or equal to 10
//   Value '[a, b]' at 'labels' failed to satisfy constraint: Member must satisfy
//   constraint: [Member must have length less than or equal to 100, Member must
//   have length greater than or equal to 1]
// so one ValidationException reports every member. A list or element of the
// wrong JSON type is a SerializationException, as RequestReader does for
// scalars. Not thread-safe.
#ifndef PARAMSAFE_ADAPTERS_COMMON_LIST_READER_H_
#define PARAMSAFE_ADAPTERS_COMMON_LIST_READER_H_

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/aws_error.h"
#include "common/request_reader.h"

namespace paramsafe::adapters {

// How many elements a list may have.
struct ListRule {
  std::size_t min = 0;
  std::size_t max = 0;  // 0: no maximum
};

// What each string of a list must satisfy.
struct ListItemRule {
  std::size_t min = 0;
  std::size_t max = 0;                          // 0: no maximum
  bool (*matches)(std::string_view) = nullptr;  // the model's pattern, checked in code
  const char* pattern = nullptr;                // that pattern as the model spells it
};

class ListReader {
 public:
  // REQUIRES: reader and request outlive the ListReader; reader reads request.
  ListReader(RequestReader& reader, const boost::json::object& request)
      : reader_(reader), request_(request) {}

  // A list of strings; nullopt when absent or of the wrong JSON type.
  std::optional<std::vector<std::string>> Strings(std::string_view member, const ListRule& list,
                                                  const ListItemRule& item, bool required = false);

  // The array of a list member with its length checked, for lists of
  // structures; nullptr when absent or not an array.
  const boost::json::array* Array(std::string_view member, const ListRule& list,
                                  bool required = false);

  // A list of strings held by a structure inside a list (a filter's Values):
  // violations name it at `path` ("filters.1.member.values"), type errors at
  // `wire` ("Filters[0].Values"). nullopt when not an array of strings.
  std::optional<std::vector<std::string>> NestedStrings(const boost::json::value& value,
                                                        std::string_view path,
                                                        std::string_view wire, const ListRule& list,
                                                        const ListItemRule& item);

  // Records that a required member nested in a list is missing, at a path in
  // AWS's form ("tags.1.member.value").
  void Missing(std::string_view path);
  // Records a member of the wrong JSON type; the first one is reported.
  void TypeError(std::string message);

  RequestReader& reader() { return reader_; }

  // The first wrong JSON type (here or in the reader), else all violations.
  std::optional<AwsError> Error() const;

 private:
  const boost::json::array* CheckedArray(const boost::json::value& value, std::string_view path,
                                         std::string_view wire, const ListRule& list);
  std::optional<std::vector<std::string>> StringsOf(const boost::json::array& array,
                                                    std::string_view path, std::string_view wire,
                                                    const ListItemRule& item);

  RequestReader& reader_;
  const boost::json::object& request_;
  std::optional<AwsError> type_error_;
};

// A list as AWS shows it in messages: "[a, b]".
std::string ShowList(const boost::json::array& list);

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_LIST_READER_H_
