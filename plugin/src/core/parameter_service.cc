#include "core/parameter_service.h"

#include "core/parameter_names.h"
#include "core/utf8.h"
#include "core/policy_schedule.h"
#include "core/tag_service.h"

namespace paramsafe::core {

namespace {

const SystemClock kSystemClock{};

// The tier a write ends up in. Intelligent-Tiering picks Standard unless the
// write needs Advanced (a value over 4096 characters, a new non-empty policy
// set, or a parameter that is Advanced already); an Advanced parameter never
// goes back to Standard. An omitted tier keeps the parameter's tier, and on
// create is AWS's default tier setting, Standard (moto does the same), so
// policies without a tier are refused like policies with Tier Standard: an
// implicit upgrade could never be undone.
Result<std::string> ResolveTier(const std::optional<std::string>& requested,
                                const std::optional<ParameterVersion>& previous,
                                std::size_t value_chars, bool adds_policies) {
  std::string previous_tier = previous ? previous->attributes.tier : "Standard";
  std::string tier = requested.value_or(previous_tier);
  if (tier == "Intelligent-Tiering") {
    bool needs_advanced = value_chars > MaxValueChars("Standard") || adds_policies ||
                          previous_tier == "Advanced";
    tier = needs_advanced ? "Advanced" : "Standard";
  }
  if (tier == "Standard" && previous_tier == "Advanced") {
    return Status(Code::kInvalidArgument,
                  "This parameter uses the advanced-parameter tier. You can't downgrade a "
                  "parameter from the advanced-parameter tier to the standard-parameter tier. "
                  "If necessary, you can delete the advanced parameter and recreate it as a "
                  "standard parameter.");
  }
  if (tier == "Standard" && adds_policies) {
    return Status(Code::kInvalidArgument, kPoliciesNeedAdvancedTier);
  }
  return tier;
}

}  // namespace

std::size_t MaxValueChars(std::string_view tier) { return tier == "Advanced" ? 8192 : 4096; }

ParameterService::ParameterService(ParameterRepository& repo, Keyring& keyring,
                                   const PatternMatcher& patterns, ParameterServiceOptions options)
    : ParameterService(repo, keyring, patterns, options, kSystemClock) {}

ParameterService::ParameterService(ParameterRepository& repo, Keyring& keyring,
                                   const PatternMatcher& patterns, ParameterServiceOptions options,
                                   const Clock& clock, Metrics* metrics)
    : repo_(repo),
      keyring_(keyring),
      patterns_(patterns),
      clock_(clock),
      options_(options),
      cache_(options.cache_ttl, options.cache_capacity, metrics) {}

Result<NewParameterVersion> ParameterService::BuildVersion(
    const PutParameterInput& in, const std::optional<ParameterVersion>& previous,
    std::int64_t version, const std::string& arn) {
  NewParameterVersion out;
  ParameterAttributes& a = out.attributes;
  const ParameterAttributes* prev = previous ? &previous->attributes : nullptr;

  if (!in.type && !prev) {
    return Status(Code::kInvalidArgument, "A parameter type is required when you create a parameter.");
  }
  a.type = in.type ? *in.type : prev->type;
  if (a.type != kTypeString && a.type != kTypeStringList && a.type != kTypeSecureString) {
    return Status(Code::kInvalidArgument, Detail::kUnsupportedType,
                  "The following parameter type is not supported: " + a.type);
  }
  if (in.key_id && a.type != kTypeSecureString) {
    return Status(Code::kInvalidArgument,
                  "KeyId is required for SecureString type parameter only.");
  }
  a.description = in.description ? in.description : (prev ? prev->description : std::nullopt);
  a.allowed_pattern =
      in.allowed_pattern ? in.allowed_pattern : (prev ? prev->allowed_pattern : std::nullopt);
  a.data_type = in.data_type ? *in.data_type : (prev ? prev->data_type : "text");

  // A write carrying Policies replaces the whole set and its jobs; one without
  // keeps both (the store then restarts the NoChangeNotification clocks).
  const bool adds_policies = in.policies_text.has_value() && !in.policies.empty();
  std::size_t chars = CountUtf8Chars(AsStringView(in.value));
  PS_ASSIGN_OR_RETURN(a.tier, ResolveTier(in.tier, previous, chars, adds_policies));
  if (!in.policies_text) {
    a.policies = prev ? prev->policies : std::nullopt;
  } else if (!adds_policies) {
    a.policies = std::nullopt;  // "[]" and "[{}]" clear: no policies has one spelling
    out.policy_jobs.emplace();
  } else {
    a.policies = in.policies_text;
    PS_ASSIGN_OR_RETURN(out.policy_jobs, SchedulePolicies(in.policies, clock_.Now()));
  }
  if (chars > MaxValueChars(a.tier)) {
    return Status(Code::kInvalidArgument,
                  a.tier == "Advanced"
                      ? "Advanced tier parameters support a maximum parameter value of 8192 "
                        "characters."
                      : "Standard tier parameters support a maximum parameter value of 4096 "
                        "characters. To create a larger parameter value, upgrade the parameter "
                        "to use the advanced-parameter tier. For more information, see "
                        "https://docs.aws.amazon.com/systems-manager/latest/userguide/"
                        "parameter-store-advanced-parameters.html");
  }
  if (a.allowed_pattern && !a.allowed_pattern->empty()) {
    PS_RETURN_IF_ERROR(patterns_.Check(*a.allowed_pattern, AsStringView(in.value)));
  }

  // Every value is sealed; String and StringList under the region's default
  // parameter key, which metadata does not report (AWS stores those in clear).
  std::string seal_key = kDefaultParameterKey;
  if (a.type == kTypeSecureString) {
    if (in.key_id) {
      a.key_ref = *in.key_id;
    } else if (prev && prev->type == kTypeSecureString && prev->key_ref) {
      a.key_ref = prev->key_ref;
    } else {
      a.key_ref = kDefaultParameterKey;
    }
    seal_key = *a.key_ref;
  }
  AssociatedData ad{ItemKindName(ItemKind::kParameter), arn, version};
  PS_ASSIGN_OR_RETURN(out.sealed, keyring_.Seal(in.key.region, seal_key, ad, in.value));
  out.created_by = in.principal_arn;
  return out;
}

Result<PutParameterOutput> ParameterService::Put(const PutParameterInput& in) {
  // Checked before the write: a refused tag list must not cost a version.
  PS_ASSIGN_OR_RETURN(std::vector<Tag> new_tags, PrepareNewItemTags(in.tags));
  std::string arn = ParameterArn(in.key.region, in.key.account_id, in.key.name);
  std::string tier;
  auto outcome = repo_.Put(
      in.key, arn, in.overwrite,
      [&](const std::optional<ParameterVersion>& prev, std::int64_t version,
          const std::string& item_arn) -> Result<NewParameterVersion> {
        auto built = BuildVersion(in, prev, version, item_arn);
        if (!built.ok()) return built;
        tier = built->attributes.tier;
        if (!prev) built->tags = new_tags;  // creation only
        return built;
      });
  // Invalidate even on failure: an outcome-unknown commit may have changed the item.
  cache_.Erase(in.key);
  if (!outcome.ok()) return outcome.status();
  return PutParameterOutput{outcome->version, tier};
}

Result<ParameterVersion> ParameterService::Lookup(const GetParameterInput& in) {
  if (in.version) return repo_.GetVersion(in.key, *in.version);
  if (in.label) return repo_.GetByLabel(in.key, *in.label);
  if (options_.cache_enabled) {
    if (auto hit = cache_.Find(in.key)) return *std::move(hit);
    std::uint64_t generation = cache_.Generation();
    auto fetched = repo_.GetLatest(in.key);
    if (fetched.ok()) cache_.Store(in.key, *fetched, generation);
    return fetched;
  }
  return repo_.GetLatest(in.key);
}

Result<ParameterValue> OpenParameterValue(Keyring& keyring, ParameterVersion version,
                                          bool with_decryption) {
  ParameterValue out;
  if (version.attributes.type != kTypeSecureString || with_decryption) {
    AssociatedData ad{ItemKindName(ItemKind::kParameter), version.arn, version.version};
    PS_ASSIGN_OR_RETURN(out.plaintext, keyring.Open(version.sealed, ad));
  }
  out.version = std::move(version);
  return out;
}

Result<ParameterValue> ParameterService::Get(const GetParameterInput& in) {
  PS_ASSIGN_OR_RETURN(ParameterVersion found, Lookup(in));
  return OpenParameterValue(keyring_, std::move(found), in.with_decryption);
}

Status ParameterService::Delete(const ItemKey& key) {
  Status s = repo_.Delete(key);
  cache_.Erase(key);
  return s;
}

}  // namespace paramsafe::core
