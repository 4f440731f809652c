#include "ssm/dispatch.h"

#include <string>

namespace paramsafe::adapters::ssm {

namespace {
using Handler = Outcome (*)(Services&, const CallContext&, const boost::json::object&);
struct Route {
  std::string_view operation;
  Handler handler;
};
constexpr Route kRoutes[] = {
    {"AddTagsToResource", &AddTagsToResource},
    {"DeleteParameter", &DeleteParameter},
    {"DeleteParameters", &DeleteParameters},
    {"DescribeParameters", &DescribeParameters},
    {"GetParameter", &GetParameter},
    {"GetParameterHistory", &GetParameterHistory},
    {"GetParameters", &GetParameters},
    {"GetParametersByPath", &GetParametersByPath},
    {"LabelParameterVersion", &LabelParameterVersion},
    {"ListTagsForResource", &ListTagsForResource},
    {"PutParameter", &PutParameter},
    {"RemoveTagsFromResource", &RemoveTagsFromResource},
    {"UnlabelParameterVersion", &UnlabelParameterVersion},
};
}  // namespace

Outcome Dispatch(std::string_view operation, Services& s, const CallContext& ctx,
                 const boost::json::object& req) {
  for (const Route& r : kRoutes) {
    if (r.operation == operation) return r.handler(s, ctx, req);
  }
  return AwsError{400, "UnknownOperationException",
                  "Operation AmazonSSM." + std::string(operation) +
                      " is not supported by this paramsafe server."};
}

std::vector<std::string_view> OperationNames() {
  std::vector<std::string_view> names;
  for (const Route& r : kRoutes) names.push_back(r.operation);
  return names;
}

}  // namespace paramsafe::adapters::ssm
