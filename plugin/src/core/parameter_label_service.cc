#include "core/parameter_label_service.h"

namespace paramsafe::core {

// SKELETON
bool IsValidParameterLabel(std::string_view) { return false; }
ParameterLabelService::ParameterLabelService(LabelRepository& labels) : labels_(labels) {}
Result<LabelOutcome> ParameterLabelService::Label(const ItemKey&, std::optional<std::int64_t>,
                                                  const std::vector<std::string>&) {
  return Status(Code::kInternal, "SKELETON: not built yet");
}
Result<UnlabelOutcome> ParameterLabelService::Unlabel(const ItemKey&, std::int64_t,
                                                      const std::vector<std::string>&) {
  return Status(Code::kInternal, "SKELETON: not built yet");
}

}  // namespace paramsafe::core
