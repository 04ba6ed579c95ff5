namespace UseCaseHub.Core.Catalogue;

public enum DeploymentStage
{
    Concept,
    Pilot,
    Deployed,
    Scaled,
}
