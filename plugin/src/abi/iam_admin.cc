#include "abi/iam_admin.h"

#include "abi/runtime.h"
#include "crypto/random.h"

namespace paramsafe::abi {

core::Result<NewAccessKey> CreateAccessKey(Runtime& rt, std::string_view user_name) {
  PS_ASSIGN_OR_RETURN(core::UserRecord user, rt.credentials().FindUser(user_name));
  NewAccessKey out;
  out.record.access_key_id =
      "AKIA" + crypto::RandomString(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
  std::string secret = crypto::RandomString(
      40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
  out.secret_access_key.assign(secret.begin(), secret.end());
  core::SecureBuffer plain = core::ToSecureBuffer(secret);
  core::SecureWipe(secret.data(), secret.size());
  out.record.user_name = user.user_name;
  out.record.user_arn = user.arn;
  out.record.active = true;
  core::AssociatedData ad{"access-key", out.record.access_key_id, 1};
  PS_ASSIGN_OR_RETURN(out.record.sealed_secret,
                      rt.keyring().Seal(rt.config().default_region, kCredentialsKeyAlias, ad, plain));
  PS_RETURN_IF_ERROR(rt.credentials().InsertAccessKey(out.record));
  // The database stamps created_at; read it back so the caller can show the
  // real CreateDate (it was left at the epoch before).
  PS_ASSIGN_OR_RETURN(core::AccessKeyRecord stored,
                      rt.credentials().FindAccessKey(out.record.access_key_id));
  out.record.created_at = stored.created_at;
  return out;
}

}  // namespace paramsafe::abi
