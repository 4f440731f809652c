#include "reference/secret_parameter.h"

#include "core/secret_names.h"
#include "reference/reference_name.h"
#include "reference/secret_parameter_shape.h"

namespace paramsafe::adapters::reference {

using core::Code;
using core::Status;

namespace {

bool IsMissing(const Status& s) {
  return s.code() == Code::kNotFound || s.code() == Code::kVersionNotFound;
}

// AWS builds this text from the reference without its leading slash and the
// selector, and prints "null" where there is no selector (observed against
// AWS); we send the same, so that clients matching on it behave alike.
Status NotFound(const ReferenceName& ref) {
  std::string shown = ref.path.substr(1) + (ref.selector ? ":" + *ref.selector : "null");
  return Status(Code::kNotFound,
                "An error occurred (ParameterNotFound) when referencing Secrets Manager: Secret " +
                    shown + " not found.");
}

core::Result<core::SecretValueOutput> Read(core::SecretService& secrets, const CallContext& ctx,
                                           const ReferenceName& ref, const std::string& operation) {
  core::GetSecretValueInput in;
  in.id = core::ParseSecretId(ctx.account_id, ctx.region, ref.secret_id);
  in.principal_arn = ctx.principal_arn;
  in.operation = operation;
  if (!ref.selector) return secrets.GetValue(in);  // AWSCURRENT
  const std::string& selector = *ref.selector;
  if (HasVersionIdShape(selector)) {
    in.version_id = selector;
    auto got = secrets.GetValue(in);
    // A long custom label also has the shape of a version id: only when no
    // version has that id is it looked up as a label.
    if (got.ok() || !IsMissing(got.status()) || !HasStageShape(selector)) return got;
    in.version_id.reset();
  }
  in.stage = selector;
  return secrets.GetValue(in);
}

}  // namespace

core::Result<boost::json::object> GetSecretParameter(core::SecretService& secrets,
                                                     const CallContext& ctx, std::string_view name,
                                                     bool with_decryption,
                                                     const std::string& operation) {
  PS_ASSIGN_OR_RETURN(ReferenceName ref, ParseReferenceName(name));
  if (ref.selector && !HasVersionIdShape(*ref.selector) && !HasStageShape(*ref.selector)) {
    return Status(Code::kInvalidArgument, kBadReferenceSyntax);
  }
  if (!with_decryption) {
    return Status(Code::kInvalidArgument,
                  "WithDecryption flag must be True for retrieving a Secret Manager secret.");
  }
  // No secret can have such a name; looking it up would only find nothing.
  if (!core::IsValidSecretName(ref.secret_id)) return NotFound(ref);

  auto got = Read(secrets, ctx, ref, operation);
  if (!got.ok()) {
    const Status& s = got.status();
    if (IsMissing(s)) return NotFound(ref);
    // The service has recorded the attempt; Parameter Store reports every
    // InvalidRequest of Secrets Manager with this one text.
    if (s.code() == Code::kFailedPrecondition) {
      return Status(Code::kInvalidArgument, "Invalid Request to Secrets Manager");
    }
    return s;
  }
  return SecretParameterShape(ref, *got);
}

bool IsReferenceFailure(const Status& status) {
  return status.code() == Code::kInvalidArgument || IsMissing(status);
}

}  // namespace paramsafe::adapters::reference
