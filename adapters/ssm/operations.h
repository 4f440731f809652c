// The Parameter Store operations, one function per operation, each defined in
// the file named after it. They read the request, call the core, and shape the
// response; none of them touches storage or crypto directly.
#ifndef PARAMSAFE_ADAPTERS_SSM_OPERATIONS_H_
#define PARAMSAFE_ADAPTERS_SSM_OPERATIONS_H_

#include <boost/json/object.hpp>

#include "common/call_context.h"
#include "common/outcome.h"
#include "core/access_control.h"
#include "core/parameter_label_service.h"
#include "core/parameter_listing_service.h"
#include "core/parameter_service.h"
#include "core/secret_service.h"
#include "core/tag_service.h"

namespace paramsafe::adapters::ssm {

struct Services {
  core::ParameterService& parameters;
  core::ParameterListingService& listing;
  core::ParameterLabelService& labels;
  core::TagService& tags;
  // The secrets /aws/reference/secretsmanager/ names reach.
  core::SecretService& secrets;
  core::AccessControl& access;
};

using Request = boost::json::object;

Outcome PutParameter(Services& s, const CallContext& ctx, const Request& req);
Outcome GetParameter(Services& s, const CallContext& ctx, const Request& req);
Outcome GetParameters(Services& s, const CallContext& ctx, const Request& req);
Outcome GetParametersByPath(Services& s, const CallContext& ctx, const Request& req);
Outcome DeleteParameter(Services& s, const CallContext& ctx, const Request& req);
Outcome DeleteParameters(Services& s, const CallContext& ctx, const Request& req);
Outcome DescribeParameters(Services& s, const CallContext& ctx, const Request& req);
Outcome GetParameterHistory(Services& s, const CallContext& ctx, const Request& req);
Outcome LabelParameterVersion(Services& s, const CallContext& ctx, const Request& req);
Outcome UnlabelParameterVersion(Services& s, const CallContext& ctx, const Request& req);
Outcome AddTagsToResource(Services& s, const CallContext& ctx, const Request& req);
Outcome RemoveTagsFromResource(Services& s, const CallContext& ctx, const Request& req);
Outcome ListTagsForResource(Services& s, const CallContext& ctx, const Request& req);

}  // namespace paramsafe::adapters::ssm

#endif  // PARAMSAFE_ADAPTERS_SSM_OPERATIONS_H_
