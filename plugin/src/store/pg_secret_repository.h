// PgSecretRepository: SecretRepository in PostgreSQL. Thread-safe (uses the pool).
// Its methods are spread over pg_secret_repository.cc (reads, create, update,
// records), pg_secret_listing.cc (List) and pg_secret_promotion.cc (Promote).
#ifndef PARAMSAFE_STORE_PG_SECRET_REPOSITORY_H_
#define PARAMSAFE_STORE_PG_SECRET_REPOSITORY_H_

#include "core/secret_repository.h"
#include "store/pool.h"

namespace paramsafe::store {

class PgSecretRepository final : public core::SecretRepository {
 public:
  explicit PgSecretRepository(Pool& pool) : pool_(pool) {}

  core::Result<core::Secret> Create(const core::NewSecret& secret, core::TimePoint now) override;
  core::Result<core::Secret> Find(const core::SecretLookup& id) override;
  core::Result<core::SecretRead> Read(const core::SecretLookup& id,
                                      const core::SecretVersionSelector& which) override;
  core::Result<core::Secret> Update(const core::SecretLookup& id,
                                    const core::SecretDecision& decide) override;
  core::Status RecordRead(const std::string& arn, std::int64_t number,
                          core::TimePoint day) override;
  core::Status RecordReadWhileScheduled(const std::string& arn, const std::string& operation,
                                        const std::string& principal_arn) override;
  core::Result<core::SecretPage> List(const core::SecretQuery& query) override;
  core::Result<core::Secret> Promote(const core::ItemKey& parameter, const core::NewSecret& secret,
                                     const core::ResealVersion& reseal,
                                     core::TimePoint now) override;

 private:
  Pool& pool_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_SECRET_REPOSITORY_H_
