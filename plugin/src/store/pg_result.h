// PgResult: owning wrapper of a libpq PGresult, with typed accessors for the
// text-format results this layer asks for. Move-only; not thread-safe.
#ifndef PARAMSAFE_STORE_PG_RESULT_H_
#define PARAMSAFE_STORE_PG_RESULT_H_

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace paramsafe::store {

class PgResult {
 public:
  PgResult() = default;
  explicit PgResult(PGresult* r) : r_(r) {}

  PGresult* get() const { return r_.get(); }
  explicit operator bool() const { return r_ != nullptr; }
  ExecStatusType status() const { return PQresultStatus(r_.get()); }
  int rows() const { return PQntuples(r_.get()); }
  // Rows an INSERT/UPDATE/DELETE touched (0 for other commands).
  std::int64_t AffectedRows() const;

  bool IsNull(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string_view Text(int row, int col) const {
    return {PQgetvalue(r_.get(), row, col),
            static_cast<std::size_t>(PQgetlength(r_.get(), row, col))};
  }
  std::string String(int row, int col) const { return std::string(Text(row, col)); }
  std::int64_t Int(int row, int col) const;
  bool Bool(int row, int col) const { return Text(row, col) == "t"; }
  // Decodes a bytea column returned in PostgreSQL's hex text format ("\x0a1b...").
  std::vector<std::uint8_t> Bytes(int row, int col) const;
  // A timestamptz column asked for as epoch microseconds (extract(epoch ...) * 1e6)::bigint.
  const char* ErrorField(int field) const { return PQresultErrorField(r_.get(), field); }

 private:
  struct Clear {
    void operator()(PGresult* r) const { PQclear(r); }
  };
  std::unique_ptr<PGresult, Clear> r_;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_PG_RESULT_H_
