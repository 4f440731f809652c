#include "store/pg_result.h"

#include <charconv>

namespace paramsafe::store {

std::int64_t PgResult::Int(int row, int col) const {
  std::string_view t = Text(row, col);
  std::int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

std::int64_t PgResult::AffectedRows() const {
  std::string_view t = PQcmdTuples(r_.get());
  std::int64_t v = 0;
  std::from_chars(t.data(), t.data() + t.size(), v);
  return v;
}

namespace {
int HexNibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::vector<std::uint8_t> PgResult::Bytes(int row, int col) const {
  // bytea_output is 'hex' (the default since 9.0, and set per connection).
  std::string_view t = Text(row, col);
  std::vector<std::uint8_t> out;
  if (t.size() < 2 || t[0] != '\\' || t[1] != 'x') return out;
  out.reserve((t.size() - 2) / 2);
  for (std::size_t i = 2; i + 1 < t.size(); i += 2) {
    int hi = HexNibble(t[i]), lo = HexNibble(t[i + 1]);
    if (hi < 0 || lo < 0) return {};
    out.push_back(static_cast<std::uint8_t>(hi << 4 | lo));
  }
  return out;
}

}  // namespace paramsafe::store
