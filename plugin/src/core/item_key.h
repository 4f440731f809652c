// ItemKey: where an item lives and what it is called. Every item belongs to one
// account and one region; items of different regions never see each other.
#ifndef PARAMSAFE_CORE_ITEM_KEY_H_
#define PARAMSAFE_CORE_ITEM_KEY_H_

#include <string>

namespace paramsafe::core {

enum class ItemKind { kParameter, kSecret };

inline const char* ItemKindName(ItemKind k) {
  return k == ItemKind::kParameter ? "parameter" : "secret";
}

struct ItemKey {
  std::string account_id;
  std::string region;
  ItemKind kind = ItemKind::kParameter;
  std::string name;         // as the caller spelled it
  std::string lookup_name;  // as compared (see ParameterLookupName)
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_ITEM_KEY_H_
