// SPDX-License-Identifier: MIT
#include "model/Scenario.h"

namespace headroom::model {

const Component* Scenario::find(std::string_view id) const {
    for (const auto& component : components)
        if (component.id == id) return &component;
    return nullptr;
}

}  // namespace headroom::model
