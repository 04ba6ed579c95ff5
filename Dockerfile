# The hub on the embedded default (SQLite + content/ + seeds/), data in the /data volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/UseCaseHub.Web -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY content /srv/content
COPY seeds /srv/seeds
ENV ASPNETCORE_URLS=http://+:8080 \
    Hub__DataPath=/data \
    Hub__ContentPath=/srv/content \
    Hub__SeedsPath=/srv/seeds
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "UseCaseHub.Web.dll"]
