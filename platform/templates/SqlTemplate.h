#pragma once

#include "platform/templates/TemplateError.h"
#include "platform/templates/TemplateParameters.h"
#include "platform/templates/TemplateValue.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipit
{

struct TemplateRenderOptions
{
    /// Analysis mode (tinybird.md §2.5): typed functions render placeholders, error()/custom_error() are
    /// no-ops, defined() is false.
    bool test_mode = false;
    /// Workspace secret lookup for tb_secret()/tb_var(); nullopt = no such secret.
    std::function<std::optional<std::string>(const std::string &)> secret_lookup;
    /// For .connection files: tb_secret('NAME' [, default]) renders the secret's value itself (raw text)
    /// instead of a `{NAME: String}` query parameter.
    bool inline_secrets = false;
};

/// Side results of one render besides the SQL text.
struct TemplateRenderResult
{
    std::string sql;
    /// Query settings requested by the template: max_threads(n), activate('analyzer') -> allow_experimental_analyzer=1, ...
    std::map<std::string, std::string> settings;
    /// Secrets referenced with tb_secret(): name -> value; the SQL contains `{name: String}` placeholders.
    std::map<std::string, std::string> query_parameters;
    /// cache_ttl('5m') -> "5m"; empty when not requested.
    std::string cache_ttl;
    std::string backend_hint;
};

/// One parameter of a template as reported by the server (tinybird.md §2.7).
struct TemplateParameterInfo
{
    std::string name;
    std::string type = "String"; /// wrapper name: String, Int32, DateTime64, Array(Int32), ...
    std::optional<TemplateValue> default_value;
    std::optional<bool> required;
    std::string description;
    std::string format;
    std::optional<TemplateValue> example;
    std::optional<TemplateValue> enum_values;
    /// Other keyword arguments given to the typed function (e.g. defined=False), in source order.
    std::vector<std::pair<std::string, TemplateValue>> extra;
    /// True when the name only appears as the argument of a helper such as defined() or column():
    /// such parameters are never listed as missing.
    bool used_in_function_call = false;
};

struct SqlTemplateProgram;

/// A parsed template: parse once (pipes cache it), render many times. Thread-safe for concurrent render().
class SqlTemplate
{
public:
    /// True when the first non-blank line of `sql` is `%` (possibly followed by spaces).
    static bool isTemplate(std::string_view sql);
    /// Parses template text. If it starts with a `%` line, that line is removed. Throws TemplateError
    /// for syntax errors (with line numbers, in Tinybird's texts).
    static SqlTemplate parse(std::string_view text);

    std::string render(const TemplateParameters & params, const TemplateRenderOptions & options = {}) const;
    TemplateRenderResult renderFull(const TemplateParameters & params, const TemplateRenderOptions & options = {}) const;

    /// Every request parameter the template reads, with metadata, in order of first use.
    std::vector<TemplateParameterInfo> parameters() const;

    /// One parameter as the server reports it: {"name","type","default"} plus "required", "description",
    /// "format", "example", "enum" when the template gave them (e.g. {"name":"d","type":"String","default":"x",
    /// "description":"Day","required":true}).
    static std::string parameterToJson(const TemplateParameterInfo & info);

    /// Reserved request parameter names (tinybird.md §2.6) the template reads; the server warns about them.
    std::vector<std::string> reservedNameWarnings() const;

private:
    std::shared_ptr<const SqlTemplateProgram> program_;
};

} // namespace pipit
