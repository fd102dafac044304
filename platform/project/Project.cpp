#include "platform/project/Project.h"

#include "engine/base/Exception.h"

#include <algorithm>
#include <map>

namespace pipit
{

namespace
{

std::string fileLocation(const std::string & path)
{
    return path + ":1";
}

std::string nodeLocation(const PipeDefinition & pipe, const PipeNode & node)
{
    return pipe.path + ":" + std::to_string(node.line);
}

} // namespace

const DatasourceDefinition * Project::findDatasource(const std::string & name) const
{
    for (const auto & ds : datasources)
        if (ds.name == name)
            return &ds;
    return nullptr;
}

const PipeDefinition * Project::findPipe(const std::string & name) const
{
    for (const auto & pipe : pipes)
        if (pipe.name == name)
            return &pipe;
    return nullptr;
}

const ConnectionDefinition * Project::findConnection(const std::string & name) const
{
    for (const auto & connection : connections)
        if (connection.name == name)
            return &connection;
    return nullptr;
}

const ProjectFixture * Project::findFixture(const std::string & datasource) const
{
    for (const auto & fixture : fixtures)
        if (fixture.datasource == datasource)
            return &fixture;
    return nullptr;
}

Project loadProject(const std::filesystem::path & dir)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw Exception(ErrorCode::DATAFILE_ERROR, dir.string() + ": project folder does not exist");

    Project project;
    project.root = dir;
    std::vector<std::filesystem::path> datafiles;
    std::vector<std::filesystem::path> fixture_files;
    auto options = std::filesystem::directory_options::skip_permission_denied;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, options, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
    {
        const auto & path = it->path();
        std::string file_name = path.filename().string();
        if (it->is_directory())
        {
            if ((file_name.starts_with(".") && file_name != ".") || file_name == "node_modules" || it.depth() > 16)
                it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file())
            continue;
        std::string ext = path.extension().string();
        if (ext == ".datasource" || ext == ".pipe" || ext == ".connection")
            datafiles.push_back(path);
        else if ((ext == ".ndjson" || ext == ".csv" || ext == ".sql") && path.parent_path().filename() == "fixtures")
            fixture_files.push_back(path);
    }
    if (ec)
        throw Exception(ErrorCode::DATAFILE_ERROR, dir.string() + ": cannot list project folder: " + ec.message());
    std::sort(datafiles.begin(), datafiles.end());
    std::sort(fixture_files.begin(), fixture_files.end());

    for (const auto & path : datafiles)
    {
        std::string ext = path.extension().string();
        std::string name = path.stem().string();
        std::string location = fileLocation(path.string());
        if (!isValidResourceName(name))
            throwDatafileError(location,
                               "Invalid resource name '" + name + "': use letters, digits and underscores, starting with a letter or _");
        DatafileKind kind = ext == ".datasource" ? DatafileKind::Datasource
                            : ext == ".pipe"     ? DatafileKind::Pipe
                                                 : DatafileKind::Connection;
        Datafile file = Datafile::load(path, kind, dir);
        project.warnings.insert(project.warnings.end(), file.warnings().begin(), file.warnings().end());
        if (kind == DatafileKind::Datasource)
            project.datasources.push_back(parseDatasource(file, name));
        else if (kind == DatafileKind::Pipe)
            project.pipes.push_back(parsePipe(file, name));
        else
            project.connections.push_back(parseConnection(file, name));
    }

    static const std::map<std::string, int> preference = {{".ndjson", 0}, {".csv", 1}, {".sql", 2}};
    for (const auto & path : fixture_files)
    {
        std::string name = path.stem().string();
        std::string ext = path.extension().string();
        auto existing =
            std::find_if(project.fixtures.begin(), project.fixtures.end(), [&](const ProjectFixture & f) { return f.datasource == name; });
        if (existing != project.fixtures.end())
        {
            if (preference.at("." + existing->format) <= preference.at(ext))
                continue;
            project.fixtures.erase(existing);
        }
        project.fixtures.push_back({name, path, ext.substr(1)});
    }
    validateProject(project);
    return project;
}

void validateProject(const Project & project)
{
    // Data sources and pipes share one namespace: both are tables to pipe SQL.
    std::map<std::string, std::string> resources;
    auto add_resource = [&](const std::string & name, const std::string & path, const char * kind)
    {
        auto [it, inserted] = resources.emplace(name, path);
        if (!inserted)
            throwDatafileError(fileLocation(path),
                               std::string("Duplicated resource name '") + name + "' (" + kind + "): also defined in " + it->second);
    };
    for (const auto & ds : project.datasources)
        add_resource(ds.name, ds.path, "datasource");
    for (const auto & pipe : project.pipes)
        add_resource(pipe.name, pipe.path, "pipe");
    std::map<std::string, std::string> connections;
    for (const auto & connection : project.connections)
    {
        auto [it, inserted] = connections.emplace(connection.name, connection.path);
        if (!inserted)
            throwDatafileError(fileLocation(connection.path),
                               "Duplicated connection name '" + connection.name + "': also defined in " + it->second);
    }

    auto require_connection =
        [&](const std::string & name, const std::string & location, const std::vector<std::string> & types, const char * what)
    {
        const ConnectionDefinition * connection = project.findConnection(name);
        if (!connection)
            throwDatafileError(location, std::string(what) + " '" + name + "' is not a connection of the project");
        if (std::find(types.begin(), types.end(), connection->type) == types.end())
            throwDatafileError(location, std::string(what) + " '" + name + "' is a " + connection->type + " connection");
    };

    for (const auto & ds : project.datasources)
    {
        if (std::string kafka = ds.connectorSetting("KAFKA_CONNECTION_NAME"); !kafka.empty())
            require_connection(kafka, fileLocation(ds.path), {"kafka"}, "KAFKA_CONNECTION_NAME");
        if (std::string import = ds.connectorSetting("IMPORT_CONNECTION_NAME"); !import.empty())
            require_connection(import, fileLocation(ds.path), {"s3", "gcs"}, "IMPORT_CONNECTION_NAME");
    }

    for (const auto & pipe : project.pipes)
    {
        for (const auto & node : pipe.nodes)
            if (auto it = resources.find(node.name); it != resources.end())
                throwDatafileError(nodeLocation(pipe, node),
                                   "Node '" + node.name + "' has the same name as the resource defined in " + it->second);
        if (!pipe.output_node)
            continue;
        const PipeNode & output = pipe.nodes[*pipe.output_node];
        std::string location = nodeLocation(pipe, output);
        if (output.type == PipeNodeType::Materialized && !project.findDatasource(pipe.materialized_datasource))
            throwDatafileError(location, "Materialized node '" + output.name + "': DATASOURCE '" + pipe.materialized_datasource +
                                             "' is not a data source of the project");
        if (output.type == PipeNodeType::Copy && !project.findDatasource(pipe.copy_target_datasource))
            throwDatafileError(location, "Copy node '" + output.name + "': TARGET_DATASOURCE '" + pipe.copy_target_datasource +
                                             "' is not a data source of the project");
        if (output.type == PipeNodeType::Sink)
        {
            bool kafka = !pipe.exportSetting("EXPORT_KAFKA_TOPIC").empty();
            require_connection(pipe.exportSetting("EXPORT_CONNECTION_NAME"), location,
                               kafka ? std::vector<std::string> {"kafka"} : std::vector<std::string> {"s3", "gcs"},
                               "EXPORT_CONNECTION_NAME");
        }
    }
}

} // namespace pipit
