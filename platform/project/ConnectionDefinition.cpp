#include "platform/project/ConnectionDefinition.h"

#include <algorithm>

namespace pipit
{

std::string ConnectionDefinition::setting(const std::string & key) const
{
    for (const auto & [k, v] : settings)
        if (k == key)
            return v;
    return {};
}

ConnectionDefinition parseConnection(const Datafile & file, const std::string & name)
{
    ConnectionDefinition connection;
    connection.name = name;
    connection.path = file.path();
    std::string type_location = file.path() + ":1";
    for (const auto & directive : file.directives())
    {
        const std::string & key = directive.name;
        if (key == "DESCRIPTION")
            connection.description = directive.text();
        else if (key == "TYPE")
        {
            std::string type = directive.value;
            std::transform(type.begin(), type.end(), type.begin(),
                           [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
            if (type != "kafka" && type != "s3" && type != "gcs")
                throwDatafileError(directive.location(), "Invalid connection TYPE '" + directive.value + "' (valid: kafka, s3, gcs)");
            connection.type = type;
            type_location = directive.location();
        }
        else
        {
            auto it =
                std::find_if(connection.settings.begin(), connection.settings.end(), [&](const auto & kv) { return kv.first == key; });
            if (it != connection.settings.end())
                it->second = directive.text();
            else
                connection.settings.emplace_back(key, directive.text());
        }
    }
    if (connection.type.empty())
        throwDatafileError(file.path() + ":1", "TYPE is required in connection files (kafka, s3 or gcs)");
    std::string prefix = connection.type == "kafka" ? "KAFKA_" : connection.type == "s3" ? "S3_" : "GCS_";
    for (const auto & [key, value] : connection.settings)
        if (!key.starts_with(prefix))
            throwDatafileError(type_location, key + " is not valid for a " + connection.type + " connection");
    if (connection.type == "kafka" && connection.setting("KAFKA_BOOTSTRAP_SERVERS").empty())
        throwDatafileError(type_location, "KAFKA_BOOTSTRAP_SERVERS is required for a kafka connection");
    auto require_one_of = [&](const char * key, std::initializer_list<std::string_view> allowed)
    {
        std::string value = connection.setting(key);
        if (value.empty() || value.find("{{") != std::string::npos)
            return;
        std::string names;
        for (std::string_view option : allowed)
        {
            if (value == option)
                return;
            names += (names.empty() ? "" : ", ") + std::string(option);
        }
        throwDatafileError(type_location, std::string(key) + " must be one of " + names + ", got '" + value + "'");
    };
    require_one_of("KAFKA_SECURITY_PROTOCOL", {"PLAINTEXT", "SASL_PLAINTEXT", "SASL_SSL"});
    require_one_of("KAFKA_SASL_MECHANISM", {"PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512", "OAUTHBEARER"});
    if (connection.type == "s3")
    {
        if (connection.setting("S3_REGION").empty())
            throwDatafileError(type_location, "S3_REGION is required for an s3 connection");
        if (connection.setting("S3_ARN").empty() &&
            (connection.setting("S3_ACCESS_KEY").empty() || connection.setting("S3_SECRET").empty()))
            throwDatafileError(type_location, "An s3 connection needs S3_ARN, or S3_ACCESS_KEY and S3_SECRET");
    }
    return connection;
}

ConnectionDefinition parseConnectionText(std::string_view text, const std::string & name, const std::string & path)
{
    std::string file_name = path.empty() ? name + ".connection" : path;
    return parseConnection(Datafile::parse(text, file_name, DatafileKind::Connection), name);
}

std::string connectionToText(const ConnectionDefinition & connection)
{
    std::string out;
    if (!connection.description.empty())
        out += "DESCRIPTION >\n" + Datafile::indentBlock(connection.description) + "\n";
    out += "TYPE " + connection.type + "\n";
    for (const auto & [key, value] : connection.settings)
    {
        if (value.find('\n') != std::string::npos)
            out += key + " >\n" + Datafile::indentBlock(value);
        else
            out += key + " " + value + "\n";
    }
    return out;
}

} // namespace pipit
