// What authorization needs to know about a resource before the operation
// runs: the secret a SecretId names (its full ARN, tags, resource policy and
// key) and a parameter's tags. Implemented by store/ with one light query
// each (no versions, no values). Thread-safe.
#ifndef PARAMSAFE_CORE_ACCESS_FACTS_H_
#define PARAMSAFE_CORE_ACCESS_FACTS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/item_key.h"
#include "core/parameter.h"
#include "core/secret_repository.h"
#include "core/status.h"

namespace paramsafe::core {

struct SecretAccessFacts {
  std::string arn;
  std::string name;
  std::vector<Tag> tags;                       // ordered by key
  std::optional<std::string> resource_policy;  // the document, as stored
  std::optional<std::string> kms_key_id;       // as given; absent = kDefaultSecretKey
};

class AccessFactsRepository {
 public:
  virtual ~AccessFactsRepository() = default;

  // The secret `id` names (scheduled for deletion or not). kNotFound.
  virtual Result<SecretAccessFacts> FindSecret(const SecretLookup& id) = 0;

  // A parameter's tags, ordered by key. kNotFound when there is no parameter.
  virtual Result<std::vector<Tag>> ParameterTags(const ItemKey& key) = 0;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_ACCESS_FACTS_H_
