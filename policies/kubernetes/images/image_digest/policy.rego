# METADATA
# title: Container images are pinned by digest
# description: >-
#   A tag can be moved to other bytes by whoever controls the repository, so a model server
#   started from a tag may run code nobody reviewed, and two replicas may run different code.
#   Every container of every workload (init, ephemeral and KServe model containers included)
#   must reference its image by digest (image@sha256:...). A container without an image (a
#   KServe model served by its runtime's image) is judged through its ServingRuntime.
# custom:
#   id: AIP-K8S-001
#   severity: MEDIUM
#   category: supply-chain
#   guidelines: [development/supply-chain, operation/secure-updates]
#   resource_types:
#     - core/Pod
#     - core/ReplicationController
#     - apps/Deployment
#     - apps/StatefulSet
#     - apps/DaemonSet
#     - apps/ReplicaSet
#     - batch/Job
#     - batch/CronJob
#     - serving.kserve.io/InferenceService
#     - serving.kserve.io/ServingRuntime
#     - serving.kserve.io/ClusterServingRuntime
#     - kubeflow.org/Notebook
#     - kubeflow.org/PyTorchJob
#     - kubeflow.org/TFJob
#     - kubeflow.org/MPIJob
#     - ray.io/RayCluster
#     - ray.io/RayService
#     - ray.io/RayJob
#     - leaderworkerset.x-k8s.io/LeaderWorkerSet
#   remediation: >-
#     Reference each image by digest (registry/repository:tag@sha256:<digest>), for example
#     with `crane digest` or your registry's API, and let an update tool such as Renovate bump
#     the digest.
package aipolicy.kubernetes.images.image_digest

import rego.v1

deny contains finding if {
	some entry in data.aipolicy.lib.kubernetes.workload_containers
	image := object.get(entry.container, "image", null)
	is_string(image)
	not data.aipolicy.lib.kubernetes.pinned_by_digest(image)
	path := data.aipolicy.lib.kubernetes.attribute_path(entry.path, "image")
	finding := data.aipolicy.lib.resources.finding(entry.resource, path, "container image is not pinned by digest")
}
