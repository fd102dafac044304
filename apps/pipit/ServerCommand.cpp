#include "apps/pipit/ServerCommand.h"

#include "apps/pipit/LocalProjectLoader.h"
#include "engine/base/Exception.h"
#include "platform/auth/AuthService.h"
#include "platform/http/HttpRouter.h"
#include "platform/http/HttpRoutes.h"
#include "platform/http/HttpServer.h"
#include "platform/http/PlatformContext.h"
#include "platform/pipes/PipeCompiler.h"
#include "platform/project/Project.h"
#include "platform/templates/SqlTemplate.h"

#include <cctype>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string_view>

namespace pipit
{

namespace
{

std::string environment(const char * name)
{
    const char * value = std::getenv(name);
    return value ? value : "";
}

std::string urlEncode(std::string_view text)
{
    static const char * hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text)
    {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
            out.push_back(static_cast<char>(c));
        else
        {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    return out;
}

/// "<pipe>.json?<required params>&" of an endpoint to show at start: the first endpoint without required
/// parameters, else the first endpoint with each required parameter set to its example (or a placeholder of
/// its type). "" when the project has no endpoint.
std::string exampleEndpointQuery(const std::shared_ptr<const Project> & project)
{
    std::unique_ptr<PipeCompiler> compiler;
    try
    {
        compiler = std::make_unique<PipeCompiler>(project);
    }
    catch (const Exception &)
    {
        compiler.reset();
    }
    std::string first;
    for (const auto & pipe : project->pipes)
    {
        if (!pipe.isEndpoint())
            continue;
        std::string query;
        if (compiler)
        {
            try
            {
                for (const TemplateParameterInfo & parameter : compiler->pipeParameters(pipe.name))
                {
                    if (!parameter.required.value_or(false))
                        continue;
                    std::string value = parameter.example ? parameter.example->str() : "";
                    if (value.empty())
                    {
                        if (parameter.type.starts_with("DateTime"))
                            value = "2026-01-01 00:00:00";
                        else if (parameter.type.starts_with("Date"))
                            value = "2026-01-01";
                        else if (parameter.type.find("Int") != std::string::npos || parameter.type.find("Float") != std::string::npos)
                            value = "1";
                        else
                            value = "value";
                    }
                    query += parameter.name + "=" + urlEncode(value) + "&";
                }
            }
            catch (const Exception &)
            {
            }
        }
        if (query.empty())
            return pipe.name + ".json?";
        if (first.empty())
            first = pipe.name + ".json?" + query;
    }
    return first;
}

} // namespace

int ServerCommand::run(const ServerCommandOptions & options)
{
    try
    {
        PlatformOptions platform_options;
        platform_options.data_dir = options.data_dir;
        platform_options.query_threads = options.query_threads;
        platform_options.query_timeout_seconds = options.query_timeout_seconds;
        platform_options.user_token = environment("TB_LOCAL_USER_TOKEN");
        platform_options.workspace_admin_token = environment("TB_LOCAL_WORKSPACE_TOKEN");
        platform_options.import_dirs = options.import_dirs;
        if (options.load_project)
            platform_options.import_dirs.insert(platform_options.import_dirs.begin(), options.project_dir); // relative paths: the project's
        PlatformContext platform(platform_options);

        Workspace workspace = platform.auth().defaultWorkspace();
        std::shared_ptr<const Project> project;
        if (options.load_project)
        {
            project = std::make_shared<const Project>(loadProject(options.project_dir));
            LocalProjectLoadReport report = LocalProjectLoader::load(platform, workspace, project);
            std::cout << "Project " << options.project_dir << ": " << project->datasources.size() << " data sources, "
                      << project->pipes.size() << " pipes" << std::endl;
            for (const auto & table : report.created_tables)
                std::cout << "  created data source " << table << std::endl;
            for (const auto & fixture : report.loaded_fixtures)
                std::cout << "  loaded fixture " << fixture << std::endl;
            for (const auto & warning : report.warnings)
                std::cerr << "  warning: " << warning << std::endl;
            if (report.tokens_synced)
                std::cout << "  synced " << report.tokens_synced << " datafile tokens" << std::endl;
        }

        HttpRouter router;
        registerHttpRoutes(router, platform);
        HttpServerOptions server_options;
        server_options.host = options.host;
        server_options.port = options.port;
        server_options.threads = options.threads;
        HttpServer server(server_options, platform, router);
        server.listen();

        std::string base =
            "http://" + (options.host == "0.0.0.0" ? std::string("localhost") : options.host) + ":" + std::to_string(server.port());
        LocalTokens tokens = platform.auth().localTokens();
        std::cout << "pipit listening on " << base << " (data: " << options.data_dir << ", workspace: " << workspace.name << ")\n"
                  << "  admin token: " << workspace.admin_token << "\n"
                  << "  user token:  " << tokens.user_token << "\n";
        if (project)
        {
            std::string example = exampleEndpointQuery(project);
            if (!example.empty())
                std::cout << "  try: curl '" << base << "/v0/pipes/" << example << "token=" << workspace.admin_token << "'\n";
        }
        std::cout << "  try: curl '" << base << "/v0/sql?q=SELECT+1&token=" << workspace.admin_token << "'" << std::endl;
        server.run();
        std::cout << "pipit stopped" << std::endl;
        return 0;
    }
    catch (const Exception & e)
    {
        std::cerr << e.displayText() << std::endl;
        return 1;
    }
    catch (const std::exception & e)
    {
        std::cerr << "Error: " << e.what() << std::endl;
        return 1;
    }
}

} // namespace pipit
