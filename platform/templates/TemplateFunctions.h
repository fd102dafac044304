#pragma once

#include "platform/templates/SqlTemplate.h"
#include "platform/templates/TemplateValue.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipit
{

using TemplateKeywords = std::vector<std::pair<std::string, TemplateValue>>;

/// What a template function may read or record while rendering.
struct TemplateCallContext
{
    const TemplateRenderOptions & options;
    TemplateRenderResult & result;
    int line = 0;
};

/// The Tinybird template functions (tinybird.md §2.2, §2.3): typed parameter functions (String, Int32, Array,
/// ...), identifiers (column, columns, symbol, table), sql_and, sql_unescape, split_to_array, date diffs,
/// JSON, error/custom_error, tb_secret, max_threads, cache_ttl, backend_hint, activate/disable.
/// Rendering and error texts match Tinybird's; deviations (for safety) are listed in docs/templates.md.
class TemplateFunctions
{
public:
    static bool isFunction(std::string_view name);
    /// Typed parameter functions reported by parameter metadata with their own type ("Int32", "Array", ...).
    static bool isParameterType(std::string_view name);

    static TemplateValue call(const std::string & name, const std::vector<TemplateValue> & args, const TemplateKeywords & kwargs,
                              TemplateCallContext & context);

    /// expression_wrapper + str(): what `{{ value }}` emits. `source` is the expression text for the
    /// "evaluated to null" error.
    static std::string renderOutput(const TemplateValue & value, const std::string & source);

    /// Python int(text) for "[+-]?digits" text validated by the caller; big values stay exact.
    static TemplateValue parseInteger(std::string_view text);
    /// Python float(text); false when Python would raise.
    static bool parseFloat(std::string_view text, double & out);

    /// Exact text of the error raised when a typed function has no value and no default.
    static const std::string & requiredParameterMessage();
};

} // namespace pipit
