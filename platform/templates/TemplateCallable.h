#pragma once

#include "platform/templates/TemplateValue.h"

#include <string>

namespace pipit
{

/// A callable template value: a template function or builtin (`String`, `len`, `str`), or a method bound to
/// its receiver (`','.join`, `d.get`). The renderer dispatches calls by name.
struct TemplateCallable
{
    std::string name;
    bool is_method = false;
    TemplateValue self;
};

} // namespace pipit
