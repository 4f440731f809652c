#include "store/pg_item_tags.h"

#include <map>
#include <string>

#include "store/pg_text_array.h"

namespace paramsafe::store {

namespace {

constexpr Statement kUpsertTags{
    "tags_upsert",
    "INSERT INTO paramsafe.tags (item_id, key, value)"
    " SELECT $1, t.key, t.value FROM unnest($2::text[], $3::text[]) AS t(key, value)"
    " ON CONFLICT (item_id, key) DO UPDATE SET value = EXCLUDED.value"};

}  // namespace

core::Status UpsertTags(Transaction& tx, std::int64_t item_id, const std::vector<core::Tag>& tags) {
  if (tags.empty()) return core::Status::Ok();
  // ON CONFLICT DO UPDATE refuses to touch one row twice in a statement, so a
  // key repeated in the request is collapsed here first.
  std::map<std::string, std::string> last;
  for (const auto& t : tags) last[t.key] = t.value;
  std::vector<std::string> keys, values;
  for (auto& [k, v] : last) {
    keys.push_back(k);
    values.push_back(v);
  }
  auto r =
      tx.Run(kUpsertTags,
             Params().Int(item_id).Text(TextArrayLiteral(keys)).Text(TextArrayLiteral(values)));
  return r.ok() ? core::Status::Ok() : r.status();
}

}  // namespace paramsafe::store
