#include "store/pg_tag_repository.h"

#include "store/pg_item_tags.h"
#include "store/pg_text_array.h"
#include "store/transaction.h"

namespace paramsafe::store {

using core::Code;
using core::ItemKey;
using core::Result;
using core::Status;
using core::Tag;

namespace {

// $1 account, $2 region, $3 kind, $4 lookup name.
#define PS_ITEM_MATCH "account_id = $1 AND region = $2 AND kind = $3 AND lookup_name = $4"

// The item comes back even without tags, so one round trip tells "no item"
// from "no tags".
constexpr Statement kList{
    "tags_list",
    "SELECT i.item_id, t.key, t.value FROM paramsafe.items i"
    " LEFT JOIN paramsafe.tags t ON t.item_id = i.item_id"
    " WHERE i.account_id = $1 AND i.region = $2 AND i.kind = $3 AND i.lookup_name = $4"
    " ORDER BY t.key COLLATE \"C\""};

// Tag writers of one item take turns, so the count checked after an upsert is
// the count that commits.
constexpr Statement kLockItem{"tags_lock_item",
                              "SELECT item_id FROM paramsafe.items WHERE " PS_ITEM_MATCH
                              " FOR NO KEY UPDATE"};

#undef PS_ITEM_MATCH

constexpr Statement kCount{"tags_count", "SELECT count(*) FROM paramsafe.tags WHERE item_id = $1"};

constexpr Statement kRemove{
    "tags_remove", "DELETE FROM paramsafe.tags WHERE item_id = $1 AND key = ANY ($2::text[])"};

Params KeyParams(const ItemKey& key) {
  Params p;
  p.Text(key.account_id).Text(key.region).Text(core::ItemKindName(key.kind)).Text(key.lookup_name);
  return p;
}

Status NotFound(const ItemKey& key) {
  if (key.kind == core::ItemKind::kSecret) {
    return Status(Code::kNotFound, "Secrets Manager can't find the specified secret.");
  }
  return Status(Code::kNotFound, "Parameter " + key.name + " not found.");
}

Result<std::int64_t> LockItem(Transaction& tx, const ItemKey& key) {
  PS_ASSIGN_OR_RETURN(PgResult r, tx.Run(kLockItem, KeyParams(key)));
  if (r.rows() == 0) return NotFound(key);
  return r.Int(0, 0);
}

}  // namespace

Result<std::vector<Tag>> PgTagRepository::List(const ItemKey& key) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(PgResult r, conn->Run(kList, KeyParams(key)));
  if (r.rows() == 0) return NotFound(key);
  std::vector<Tag> tags;
  for (int i = 0; i < r.rows(); ++i) {
    if (r.IsNull(i, 1)) continue;  // the item row of an item without tags
    tags.push_back(Tag{r.String(i, 1), r.String(i, 2)});
  }
  return tags;
}

Status PgTagRepository::Add(const ItemKey& key, const std::vector<Tag>& tags,
                            std::size_t max_tags) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(std::int64_t item_id, LockItem(tx, key));
  PS_RETURN_IF_ERROR(UpsertTags(tx, item_id, tags));
  // Counted after the upsert: replacing the value of a tag the item has does
  // not take another place.
  PS_ASSIGN_OR_RETURN(PgResult count, tx.Run(kCount, Params().Int(item_id)));
  if (count.Int(0, 0) > static_cast<std::int64_t>(max_tags)) {
    return Status(Code::kLimitExceeded, core::Detail::kTagLimit,
                  "The resource can have at most " + std::to_string(max_tags) +
                      " tags. Remove one or more tags and try the command again.");
  }
  return tx.Commit();
}

Status PgTagRepository::Remove(const ItemKey& key, const std::vector<std::string>& keys) {
  PS_ASSIGN_OR_RETURN(Lease conn, pool_.Acquire());
  PS_ASSIGN_OR_RETURN(Transaction tx, Transaction::Begin(*conn));
  PS_ASSIGN_OR_RETURN(std::int64_t item_id, LockItem(tx, key));
  if (!keys.empty()) {
    auto removed = tx.Run(kRemove, Params().Int(item_id).Text(TextArrayLiteral(keys)));
    if (!removed.ok()) return removed.status();
  }
  return tx.Commit();
}

}  // namespace paramsafe::store
