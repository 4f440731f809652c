#include "store/pg_secret_rows.h"

#include <algorithm>
#include <optional>
#include <utility>

namespace paramsafe::store {
namespace {

std::optional<std::string> OptionalText(const PgResult& r, int row, int col) {
  if (r.IsNull(row, col)) return std::nullopt;
  return r.String(row, col);
}

std::optional<core::TimePoint> OptionalTime(const PgResult& r, int row, int col) {
  if (r.IsNull(row, col)) return std::nullopt;
  return FromEpochMicros(r.Int(row, col));
}

}  // namespace

core::Secret RowToSecret(const PgResult& r, int row, int col) {
  core::Secret s;
  s.account_id = r.String(row, col + 0);
  s.region = r.String(row, col + 1);
  s.name = r.String(row, col + 2);
  s.arn = r.String(row, col + 3);
  s.description = OptionalText(r, row, col + 4);
  s.kms_key_id = OptionalText(r, row, col + 5);
  s.created = FromEpochMicros(r.Int(row, col + 6));
  s.last_changed = FromEpochMicros(r.Int(row, col + 7));
  s.last_accessed = OptionalTime(r, row, col + 8);
  s.deletion_date = OptionalTime(r, row, col + 9);
  s.primary_region = r.String(row, col + 10);
  s.owning_service = OptionalText(r, row, col + 11);
  s.latest_number = r.Int(row, col + 12);
  s.reads_while_scheduled = r.Int(row, col + 13);
  return s;
}

std::vector<core::Tag> RowToSecretTags(const PgResult& r, int row, int col) {
  std::vector<std::string> keys = DecodeTextArray(r.Text(row, col));
  std::vector<std::string> values = DecodeTextArray(r.Text(row, col + 1));
  std::vector<core::Tag> tags;
  // Both arrays come from the same rows in the same order; a mismatch would
  // be a bug in the select list, and pairing what there is beats crashing.
  const std::size_t n = std::min(keys.size(), values.size());
  tags.reserve(n);
  for (std::size_t k = 0; k < n; ++k) tags.push_back({std::move(keys[k]), std::move(values[k])});
  return tags;
}

std::optional<std::string> RowToSecretPolicy(const PgResult& r, int row, int col) {
  return OptionalText(r, row, col);
}

core::SecretVersion RowToSecretVersion(const PgResult& r, int row, int col) {
  core::SecretVersion v;
  v.number = r.Int(row, col + 0);
  v.version_id = r.String(row, col + 1);
  v.stages = DecodeTextArray(r.Text(row, col + 2));
  v.created = FromEpochMicros(r.Int(row, col + 3));
  v.last_accessed = OptionalTime(r, row, col + 4);
  // NULL only if the key row were gone, which its foreign key forbids.
  v.kms_key_arn = r.IsNull(row, col + 5) ? "" : r.String(row, col + 5);
  return v;
}

core::SecretSealedValue RowToSecretSealedValue(const PgResult& r, int row, int version_col,
                                               int sealed_col) {
  core::SecretSealedValue out;
  out.version = RowToSecretVersion(r, row, version_col);
  out.type = r.Text(row, sealed_col) == "SecretBinary" ? core::SecretValueType::kBinary
                                                       : core::SecretValueType::kString;
  out.sealed.key_id = r.String(row, sealed_col + 1);
  out.sealed.key_version = static_cast<int>(r.Int(row, sealed_col + 2));
  out.sealed.wrapped_data_key = r.Bytes(row, sealed_col + 3);
  out.sealed.ciphertext = r.Bytes(row, sealed_col + 4);
  return out;
}

std::vector<std::string> DecodeTextArray(std::string_view t) {
  std::vector<std::string> out;
  if (t.size() < 2 || t.front() != '{' || t.back() != '}') return out;
  t = t.substr(1, t.size() - 2);
  std::size_t i = 0;
  while (i < t.size()) {
    std::string element;
    bool quoted = false;
    if (t[i] == '"') {
      // Quoted: backslash escapes the next character, the closing quote ends it.
      quoted = true;
      for (++i; i < t.size() && t[i] != '"'; ++i) {
        if (t[i] == '\\' && i + 1 < t.size()) ++i;
        element += t[i];
      }
      ++i;  // the closing quote
    } else {
      // Unquoted elements hold no quote, backslash, comma, brace or space.
      for (; i < t.size() && t[i] != ','; ++i) element += t[i];
    }
    if (quoted || element != "NULL") out.push_back(std::move(element));
    ++i;  // the comma
  }
  return out;
}

}  // namespace paramsafe::store
