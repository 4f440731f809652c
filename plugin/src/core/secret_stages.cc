#include "core/secret_stages.h"

#include <algorithm>

namespace paramsafe::core {

StagePlan::StagePlan(const Secret& current) {
  for (const SecretVersion& v : current.versions) {
    versions_.push_back(Version{v.version_id, v.created});
    for (const std::string& stage : v.stages) holders_[stage] = v.version_id;
  }
}

void StagePlan::AddVersion(const std::string& version_id, TimePoint created) {
  versions_.insert(versions_.begin(), Version{version_id, created});
}

void StagePlan::Attach(const std::string& stage, const std::string& version_id) {
  holders_[stage] = version_id;
  attached_.emplace_back(stage, version_id);
}

void StagePlan::Detach(const std::string& stage) {
  holders_.erase(stage);
  detached_.push_back(stage);
}

void StagePlan::MoveStages(const std::vector<std::string>& stages, const std::string& version_id) {
  const std::optional<std::string> lost_current = Holder(kStageCurrent);
  auto listed = [&](const char* stage) {
    return std::find(stages.begin(), stages.end(), stage) != stages.end();
  };
  std::vector<std::string> done;
  for (const std::string& stage : stages) {
    if (std::find(done.begin(), done.end(), stage) != done.end()) continue;
    done.push_back(stage);
    Attach(stage, version_id);
  }
  if (listed(kStageCurrent) && lost_current && *lost_current != version_id &&
      !listed(kStagePrevious)) {
    Attach(kStagePrevious, *lost_current);
  }
}

std::optional<std::string> StagePlan::Holder(const std::string& stage) const {
  auto it = holders_.find(stage);
  if (it == holders_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> StagePlan::StagesOf(const std::string& version_id) const {
  std::vector<std::string> out;
  for (const auto& [stage, holder] : holders_) {
    if (holder == version_id) out.push_back(stage);  // map order: sorted
  }
  return out;
}

std::size_t StagePlan::SurvivorsOfPruning(TimePoint now) const {
  std::size_t survivors = 0;
  for (std::size_t i = 0; i < versions_.size(); ++i) {
    const bool deprecated = StagesOf(versions_[i].id).empty();
    const bool old = now - versions_[i].created >= kDeprecatedVersionMinAge;
    if (i < kKeptSecretVersions || !deprecated || !old) ++survivors;
  }
  return survivors;
}

Status StagePlan::CheckQuotas(TimePoint now) const {
  // A label is on one version only, so the secret's quota also bounds each
  // version's (kMaxStagesPerVersion is no smaller).
  static_assert(kMaxStagesPerVersion >= kMaxStagesPerSecret);
  if (holders_.size() > kMaxStagesPerSecret) {
    return Status(Code::kLimitExceeded, Detail::kLabelLimit,
                  "A secret can have at most " + std::to_string(kMaxStagesPerSecret) +
                      " staging labels across all its versions.");
  }
  if (SurvivorsOfPruning(now) > kMaxSecretVersions) {
    return Status(Code::kLimitExceeded,
                  "The secret has reached its quota of " + std::to_string(kMaxSecretVersions) +
                      " versions. Versions without a staging label are removed once they are "
                      "24 hours old; try again later.");
  }
  return Status::Ok();
}

}  // namespace paramsafe::core
