// SPDX-License-Identifier: MIT
#include "model/CountFields.h"

#include <array>

namespace headroom::model {

std::optional<CountField> countField(std::string_view name) {
    static constexpr std::array fields{kInstancesField, kCoresField,    kWorkersField,    kQueueCapacityField, kConcurrencyField,
                                       kShardsField,    kReplicasField, kPartitionsField, kUsersField};
    for (const CountField& field : fields)
        if (field.name == name) return field;
    return std::nullopt;
}

}  // namespace headroom::model
