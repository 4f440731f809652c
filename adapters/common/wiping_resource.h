// A Boost.JSON memory resource that wipes every block before freeing it, for
// request and response documents that carry secret values. Thread-safe
// (stateless); the instance returned by WipingStorage() lives forever.
#ifndef PARAMSAFE_ADAPTERS_COMMON_WIPING_RESOURCE_H_
#define PARAMSAFE_ADAPTERS_COMMON_WIPING_RESOURCE_H_

#include <boost/json/storage_ptr.hpp>

namespace paramsafe::adapters {

boost::json::storage_ptr WipingStorage();

}  // namespace paramsafe::adapters

#endif  // PARAMSAFE_ADAPTERS_COMMON_WIPING_RESOURCE_H_
