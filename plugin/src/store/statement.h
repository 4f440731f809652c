// A named SQL statement, prepared once per connection on first use. Statements
// are constants defined next to the repository that runs them; values travel
// only as $n parameters.
#ifndef PARAMSAFE_STORE_STATEMENT_H_
#define PARAMSAFE_STORE_STATEMENT_H_

namespace paramsafe::store {

struct Statement {
  const char* name;
  const char* sql;
};

}  // namespace paramsafe::store

#endif  // PARAMSAFE_STORE_STATEMENT_H_
