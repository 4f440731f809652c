// Params: the $1..$n arguments of one statement. Text values are sent in text
// format, byte strings in binary format (no escaping). The values are copied, so a
// Params outlives the arguments it was built from. Not thread-safe.
#ifndef PARAMSAFE_STORE_PARAMS_H_
#define PARAMSAFE_STORE_PARAMS_H_

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace paramsafe::store {

class Params {
 public:
  Params& Text(std::string_view v) { return Add(std::string(v), 0); }
  Params& OptionalText(const std::optional<std::string>& v) {
    return v ? Text(*v) : Null();
  }
  Params& Int(std::int64_t v) { return Add(std::to_string(v), 0); }
  Params& Bool(bool v) { return Add(v ? "t" : "f", 0); }
  Params& Bytes(const std::vector<std::uint8_t>& v) {
    return Add(std::string(v.begin(), v.end()), 1);
  }
  Params& Null() {
    values_.push_back(nullptr);
    lengths_.push_back(0);
    formats_.push_back(0);
    return *this;
  }

  int size() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }
  const int* lengths() const { return lengths_.data(); }
  const int* formats() const { return formats_.data(); }

 private:
  Params& Add(std::string v, int format) {
    storage_.push_back(std::move(v));  // deque: earlier c_str() pointers stay valid
    values_.push_back(storage_.back().data());
    lengths_.push_back(static_cast<int>(storage_.back().size()));
    formats_.push_back(format);
    return *this;
  }

  std::deque<std::string> storage_;
  std::vector<const char*> values_;
  std::vector<int> lengths_;
  std::vector<int> formats_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PARAMS_H_
