#pragma once

#include "platform/templates/TemplateValue.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pipit
{

/// Request parameters of one endpoint call or templated query: name -> value.
///
/// Query-string and form values are strings (repeated keys make a List of strings); typed template
/// functions parse them (`Int32('10')`, `Array(ids, 'Int32')` splitting "1,2,3"). JSON bodies keep their
/// JSON types. Order of first appearance is kept.
class TemplateParameters
{
public:
    /// From decoded `name=value` pairs (query string or form body). A repeated name becomes a List.
    static TemplateParameters fromStrings(const std::vector<std::pair<std::string, std::string>> & query_pairs);
    /// From a JSON object body; values keep their JSON types (arrays -> List, objects -> Dict, null -> None).
    /// Throws TemplateError(400) if the text is not a JSON object.
    static TemplateParameters fromJson(std::string_view json_object);

    /// Sets (or overrides) one parameter; used for JWT fixed_params, which win over caller values.
    void set(const std::string & name, TemplateValue value);
    /// Adds one string value; a second value for the same name turns it into a List.
    void add(const std::string & name, std::string value);
    void erase(const std::string & name);

    /// nullptr when the parameter was not given.
    const TemplateValue * find(std::string_view name) const;
    bool contains(std::string_view name) const { return find(name) != nullptr; }
    const std::vector<std::pair<std::string, TemplateValue>> & items() const { return items_; }
    size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }

private:
    std::vector<std::pair<std::string, TemplateValue>> items_;
};

} // namespace pipit
