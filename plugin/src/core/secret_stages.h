// StagePlan: the staging labels of a secret's versions as a change will leave
// them. SecretService builds the change on a plan so it can check the label and
// version quotas and answer the new version's stages before the store writes;
// the plan's attach/detach lists are what SecretChange carries, in order.
// A value type; not thread-safe.
#ifndef PARAMSAFE_CORE_SECRET_STAGES_H_
#define PARAMSAFE_CORE_SECRET_STAGES_H_

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/secret.h"
#include "core/status.h"

namespace paramsafe::core {

class StagePlan {
 public:
  explicit StagePlan(const Secret& current);

  // A version the change creates; it becomes the newest.
  void AddVersion(const std::string& version_id, TimePoint created);

  // Puts the stage on the version, taking it off whichever version had it.
  // REQUIRES: the version is in the plan.
  void Attach(const std::string& stage, const std::string& version_id);
  // Takes the stage off whichever version has it.
  void Detach(const std::string& stage);

  // Moves every stage to the version (each at most once, in the given order).
  // When AWSCURRENT moves, AWSPREVIOUS goes to the version that lost it, unless
  // AWSPREVIOUS is one of the stages moved.
  void MoveStages(const std::vector<std::string>& stages, const std::string& version_id);

  // The version carrying the stage, if any.
  std::optional<std::string> Holder(const std::string& stage) const;
  // The stages on a version, sorted.
  std::vector<std::string> StagesOf(const std::string& version_id) const;

  // kLimitExceeded (Detail::kLabelLimit) when the secret (and so a version)
  // would carry more than 20 labels; kLimitExceeded when more than kMaxSecretVersions
  // versions would remain after the store prunes deprecated ones at `now`.
  Status CheckQuotas(TimePoint now) const;

  const std::vector<std::pair<std::string, std::string>>& attached() const { return attached_; }
  const std::vector<std::string>& detached() const { return detached_; }

 private:
  struct Version {
    std::string id;
    TimePoint created;
  };

  std::size_t SurvivorsOfPruning(TimePoint now) const;

  std::vector<Version> versions_;               // newest first
  std::map<std::string, std::string> holders_;  // stage -> version id
  std::vector<std::pair<std::string, std::string>> attached_;
  std::vector<std::string> detached_;
};

}  // namespace paramsafe::core

#endif  // PARAMSAFE_CORE_SECRET_STAGES_H_
