#include "store/parameter_rows.h"

#include <optional>
#include <string>

namespace paramsafe::store {
namespace {

std::optional<std::string> OptionalText(const PgResult& r, int row, int col) {
  if (r.IsNull(row, col)) return std::nullopt;
  return r.String(row, col);
}

}  // namespace

core::ParameterVersion RowToVersion(const PgResult& r, int row) {
  core::ParameterVersion p;
  p.name = r.String(row, 0);
  p.arn = r.String(row, 1);
  p.version = r.Int(row, 2);
  p.attributes.type = r.String(row, 3);
  p.attributes.data_type = r.String(row, 4);
  p.attributes.description = OptionalText(r, row, 5);
  p.attributes.allowed_pattern = OptionalText(r, row, 6);
  // The column is nullable; a version without a tier is in the default one.
  p.attributes.tier = r.IsNull(row, 7) ? "Standard" : r.String(row, 7);
  p.attributes.policies = OptionalText(r, row, 8);
  p.attributes.key_ref = OptionalText(r, row, 9);
  p.sealed.key_id = r.String(row, 10);
  p.sealed.key_version = static_cast<int>(r.Int(row, 11));
  p.sealed.wrapped_data_key = r.Bytes(row, 12);
  p.sealed.ciphertext = r.Bytes(row, 13);
  p.last_modified = FromEpochMicros(r.Int(row, 14));
  p.last_modified_user = r.String(row, 15);
  return p;
}

}  // namespace paramsafe::store
