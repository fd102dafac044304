#include "platform/pipes/PipeOpenApi.h"

#include "platform/templates/TemplateJson.h"

namespace pipit
{

namespace
{

std::string jsonString(std::string_view text)
{
    std::string out = "\"";
    for (char c : text)
    {
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
            {
                static const char hex[] = "0123456789abcdef";
                out += "\\u00";
                out += hex[(c >> 4) & 0xF];
                out += hex[c & 0xF];
            }
            else
                out += c;
        }
    }
    out += '"';
    return out;
}

/// Strips a wrapper `Name(inner)` -> inner when `type` starts with `Name(`.
bool unwrap(const std::string & type, std::string_view name, std::string & inner)
{
    if (type.size() < name.size() + 2 || type.compare(0, name.size(), name) != 0 || type[name.size()] != '(' || type.back() != ')')
        return false;
    inner = type.substr(name.size() + 1, type.size() - name.size() - 2);
    return true;
}

std::string scalarSchema(const std::string & type)
{
    if (type == "Int8" || type == "Int16" || type == "Int32" || type == "UInt8" || type == "UInt16" || type == "Int" || type == "Integer")
        return R"({"type":"integer","format":"int32"})";
    if (type == "UInt32" || type == "Int64" || type == "UInt64")
        return R"({"type":"integer","format":"int64"})";
    if (type == "Int128" || type == "Int256" || type == "UInt128" || type == "UInt256")
        return R"({"type":"integer"})";
    if (type == "Float32")
        return R"({"type":"number","format":"float"})";
    if (type == "Float64" || type.starts_with("Decimal"))
        return R"({"type":"number","format":"double"})";
    if (type == "Boolean" || type == "Bool" || type == "bool")
        return R"({"type":"boolean"})";
    if (type == "Date" || type == "Date32")
        return R"({"type":"string","format":"date"})";
    if (type.starts_with("DateTime"))
        return R"({"type":"string","format":"date-time"})";
    if (type == "UUID")
        return R"({"type":"string","format":"uuid"})";
    return R"({"type":"string"})";
}

} // namespace

std::string openApiSchemaForParameterType(const std::string & type)
{
    std::string inner;
    if (unwrap(type, "Array", inner))
        return R"({"type":"array","items":)" + scalarSchema(inner) + "}";
    if (type == "JSON")
        return R"({"type":"string","format":"json"})";
    return scalarSchema(type);
}

std::string openApiSchemaForColumnType(const std::string & type)
{
    std::string inner;
    if (unwrap(type, "Nullable", inner))
    {
        std::string schema = openApiSchemaForColumnType(inner);
        return schema.substr(0, schema.size() - 1) + R"(,"nullable":true})";
    }
    if (unwrap(type, "LowCardinality", inner))
        return openApiSchemaForColumnType(inner);
    if (unwrap(type, "Array", inner))
        return R"({"type":"array","items":)" + openApiSchemaForColumnType(inner) + "}";
    if (type.starts_with("Map(") || type.starts_with("Tuple(") || type == "JSON")
        return R"({"type":"object"})";
    return scalarSchema(type);
}

std::string buildOpenApi(const PipeCompiler & compiler, const PipeOpenApiOptions & options)
{
    const Project & project = compiler.project();
    std::string paths;
    std::string schemas;
    for (const auto & pipe : project.pipes)
    {
        if (!pipe.isEndpoint() || (options.filter && !options.filter(pipe)))
            continue;

        std::string parameters;
        for (const auto & parameter : compiler.pipeParameters(pipe.name))
        {
            std::string schema = openApiSchemaForParameterType(parameter.type);
            std::string extra;
            if (parameter.default_value && !parameter.default_value->isNone())
                extra += R"(,"default":)" + TemplateJson::serialize(*parameter.default_value);
            if (parameter.enum_values && parameter.enum_values->isSequence())
                extra += R"(,"enum":)" + TemplateJson::serialize(*parameter.enum_values);
            if (!parameter.format.empty() && schema.find("\"format\"") == std::string::npos)
                extra += R"(,"format":)" + jsonString(parameter.format);
            schema = schema.substr(0, schema.size() - 1) + extra + "}";
            // A parameter is required when it says so, or when it has neither a default nor required=False.
            bool required = parameter.required.value_or(false);
            std::string item = R"({"name":)" + jsonString(parameter.name) + R"(,"in":"query","required":)" + (required ? "true" : "false");
            if (!parameter.description.empty())
                item += R"(,"description":)" + jsonString(parameter.description);
            if (parameter.type.starts_with("Array("))
                item += R"(,"style":"form","explode":false)";
            item += R"(,"schema":)" + schema;
            if (parameter.example && !parameter.example->isNone())
                item += R"(,"example":)" + TemplateJson::serialize(*parameter.example);
            item += "}";
            parameters += (parameters.empty() ? "" : ",") + item;
        }

        std::string row_schema = R"({"type":"object")";
        if (options.columns)
        {
            auto columns = options.columns(pipe);
            if (!columns.empty())
            {
                std::string properties;
                for (const auto & [name, type] : columns)
                    properties += (properties.empty() ? "" : ",") + jsonString(name) + ":" + openApiSchemaForColumnType(type);
                row_schema += R"(,"properties":{)" + properties + "}";
            }
        }
        row_schema += "}";
        std::string schema_name = pipe.name + "_response";
        schemas += (schemas.empty() ? "" : ",") + jsonString(schema_name) +
            R"(:{"type":"object","properties":{"meta":{"type":"array","items":{"type":"object","properties":{"name":{"type":"string"},"type":{"type":"string"}}}},"data":{"type":"array","items":)" +
            row_schema +
            R"(},"rows":{"type":"integer"},"rows_before_limit_at_least":{"type":"integer"},"statistics":{"type":"object","properties":{"elapsed":{"type":"number"},"rows_read":{"type":"integer"},"bytes_read":{"type":"integer"}}}}})";

        std::string description = pipe.description.empty() ? "" : R"(,"description":)" + jsonString(pipe.description);
        std::string errors =
            R"("400":{"description":"Invalid parameters","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},)"
            R"("403":{"description":"The token cannot read this endpoint","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}},)"
            R"("404":{"description":"Endpoint not found","content":{"application/json":{"schema":{"$ref":"#/components/schemas/Error"}}}})";
        struct Format
        {
            const char * extension;
            const char * content_type;
            bool json;
        };
        static const Format formats[] = {{"json", "application/json", true}, {"csv", "text/csv", false}, {"ndjson", "application/x-ndjson", false}};
        for (const auto & format : formats)
        {
            std::string content = format.json ? R"({"schema":{"$ref":"#/components/schemas/)" + schema_name + R"("}})"
                                               : std::string(R"({"schema":{"type":"string"}})");
            std::string operation = R"({"summary":)" + jsonString(pipe.name) + description + R"(,"operationId":)" +
                jsonString(pipe.name + "_" + format.extension) + R"(,"parameters":[)" + parameters + R"(],"responses":{"200":{"description":"Endpoint result","content":{)" +
                jsonString(format.content_type) + ":" + content + "}}," + errors + "}}";
            paths += (paths.empty() ? "" : ",") + jsonString("/v0/pipes/" + pipe.name + "." + format.extension) + R"(:{"get":)" + operation + "}";
        }
    }

    std::string out = R"({"openapi":"3.0.3","info":{"title":"pipit endpoints","description":"API endpoints published by the pipes of this workspace","version":"1.0.0"},"servers":[{"url":)" +
        jsonString(options.server_url) + R"(}],"security":[{"TokenAuth":[]},{"TokenQuery":[]}],"paths":{)" + paths +
        R"(},"components":{"securitySchemes":{"TokenAuth":{"type":"http","scheme":"bearer"},"TokenQuery":{"type":"apiKey","in":"query","name":"token"}},"schemas":{"Error":{"type":"object","properties":{"error":{"type":"string"}},"required":["error"]})" +
        (schemas.empty() ? "" : "," + schemas) + "}}}";
    return out;
}

} // namespace pipit
