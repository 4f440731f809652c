// Writes a SecretChange decided by the core, inside Update's transaction and
// under the item's row lock.
#ifndef PARAMSAFE_STORE_PG_SECRET_CHANGE_H_
#define PARAMSAFE_STORE_PG_SECRET_CHANGE_H_

#include <cstdint>

#include "core/secret_repository.h"
#include "store/transaction.h"

namespace paramsafe::store {

// Applies `change` to the secret item_id whose state before it is `current`,
// in the order SecretChange documents: tags, metadata, the new version, label
// moves, pruning, deletion state. A purge deletes the item; nothing is
// written after it. Constraint failures come back as sqlstate.cc maps them;
// an attach naming an unknown version id is kInvalidArgument.
core::Status ApplySecretChange(Transaction& tx, std::int64_t item_id, const core::Secret& current,
                               const core::SecretChange& change);

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_SECRET_CHANGE_H_
