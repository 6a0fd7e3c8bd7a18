package aipolicy.lib.kubernetes_test

import rego.v1

import data.aipolicy.lib.kubernetes

res(id, type, obj) := {"id": id, "type": type, "provider": "kubernetes", "attributes": obj}

pod_spec := {
	"initContainers": [{"name": "fetch-model", "image": "busybox:1.36"}],
	"containers": [
		{"name": "vllm", "image": "vllm/vllm-openai:v0.6.3"},
		{"name": "sidecar", "image": "envoyproxy/envoy:v1.31.0"},
	],
	"ephemeralContainers": [{"name": "debug", "image": "busybox:1.36"}],
}

deployment := res("llm/Deployment/vllm", "apps/Deployment", {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "vllm", "namespace": "llm", "labels": {"team": "ml"}},
	"spec": {"template": {"metadata": {"labels": {"app": "llm"}}, "spec": pod_spec}},
})

test_deployment_containers_include_init_and_ephemeral if {
	paths := {kubernetes.path_string(c.path) | some c in kubernetes.containers(deployment)}
	paths == {
		"spec.template.spec.initContainers.0",
		"spec.template.spec.containers.0",
		"spec.template.spec.containers.1",
		"spec.template.spec.ephemeralContainers.0",
	}
}

test_container_entries_carry_field_and_pod if {
	some c in kubernetes.containers(deployment)
	c.path == ["spec", "template", "spec", "initContainers", 0]
	c.resource.id == "llm/Deployment/vllm"
	c.field == "initContainers"
	c.container.name == "fetch-model"
	kubernetes.pod_path(c.pod) == "spec.template.spec"
}

test_pod_spec_paths_per_kind if {
	cases := [
		["core/Pod", {"spec": pod_spec}, "spec"],
		["apps/StatefulSet", {"spec": {"template": {"spec": pod_spec}}}, "spec.template.spec"],
		["apps/DaemonSet", {"spec": {"template": {"spec": pod_spec}}}, "spec.template.spec"],
		["apps/ReplicaSet", {"spec": {"template": {"spec": pod_spec}}}, "spec.template.spec"],
		["batch/Job", {"spec": {"template": {"spec": pod_spec}}}, "spec.template.spec"],
		[
			"batch/CronJob", {"spec": {"jobTemplate": {"spec": {"template": {"spec": pod_spec}}}}},
			"spec.jobTemplate.spec.template.spec",
		],
		["kubeflow.org/Notebook", {"spec": {"template": {"spec": pod_spec}}}, "spec.template.spec"],
	]
	every case in cases {
		r := res("x", case[0], case[1])
		[p.path | some p in kubernetes.pod_specs(r)] == [split(case[2], ".")]
		count(kubernetes.containers(r)) == 4
	}
}

ray_cluster_spec := {
	"headGroupSpec": {"template": {"spec": {"containers": [{"name": "head", "image": "rayproject/ray:2.9.0"}]}}},
	"workerGroupSpecs": [
		{"groupName": "cpu", "template": {"spec": {"containers": [{"name": "w", "image": "rayproject/ray:2.9.0"}]}}},
		{"groupName": "gpu", "template": {"spec": {"containers": [{"name": "w", "image": "rayproject/ray:2.9.0-gpu"}]}}},
	],
}

test_ray_cluster_head_and_every_worker_group if {
	r := res("ray/RayCluster/rc", "ray.io/RayCluster", {"spec": ray_cluster_spec})
	{kubernetes.path_string(c.path) | some c in kubernetes.containers(r)} == {
		"spec.headGroupSpec.template.spec.containers.0",
		"spec.workerGroupSpecs.0.template.spec.containers.0",
		"spec.workerGroupSpecs.1.template.spec.containers.0",
	}
}

test_ray_service_and_job_cluster_specs if {
	service := res("ray/RayService/rs", "ray.io/RayService", {"spec": {"rayClusterConfig": ray_cluster_spec}})
	count(kubernetes.containers(service)) == 3
	job := res("ray/RayJob/rj", "ray.io/RayJob", {"spec": {
		"rayClusterSpec": ray_cluster_spec,
		"submitterPodTemplate": {"spec": {"containers": [{"name": "submit", "image": "rayproject/ray:2.9.0"}]}},
	}})
	paths := {kubernetes.path_string(c.path) | some c in kubernetes.containers(job)}
	count(paths) == 4
	"spec.submitterPodTemplate.spec.containers.0" in paths
}

test_pytorch_job_replica_specs_map if {
	r := res("ml/PyTorchJob/train", "kubeflow.org/PyTorchJob", {"spec": {"pytorchReplicaSpecs": {
		"Master": {"template": {"spec": {"containers": [{"name": "pytorch", "image": "pytorch/pytorch:2.4.0"}]}}},
		"Worker": {"template": {"spec": {"containers": [{"name": "pytorch", "image": "pytorch/pytorch:2.4.0"}]}}},
	}}})
	{kubernetes.path_string(c.path) | some c in kubernetes.containers(r)} == {
		"spec.pytorchReplicaSpecs.Master.template.spec.containers.0",
		"spec.pytorchReplicaSpecs.Worker.template.spec.containers.0",
	}
}

isvc := res("models/InferenceService/llama", "serving.kserve.io/InferenceService", {
	"apiVersion": "serving.kserve.io/v1beta1",
	"kind": "InferenceService",
	"metadata": {"name": "llama", "namespace": "models"},
	"spec": {
		"predictor": {
			"serviceAccountName": "kserve-sa",
			"model": {"modelFormat": {"name": "huggingface"}, "storageUri": "hf://meta-llama/Llama-3.1-8B"},
			"containers": [{"name": "agent", "image": "kserve/agent:v0.14.0"}],
		},
		"transformer": {"containers": [{"name": "kserve-container", "image": "example/transformer:1.0"}]},
	},
})

test_kserve_components_and_model_container if {
	{kubernetes.path_string(c.path) | some c in kubernetes.containers(isvc)} == {
		"spec.predictor.model",
		"spec.predictor.containers.0",
		"spec.transformer.containers.0",
	}
	{p.path | some p in kubernetes.pod_specs(isvc)} == {["spec", "predictor"], ["spec", "transformer"]}
}

test_kserve_pods_carry_the_inferenceservice_label if {
	some label_set in kubernetes.pod_labels(isvc)
	label_set["serving.kserve.io/inferenceservice"] == "llama"
}

test_malformed_objects_yield_nothing if {
	kubernetes.containers(res("x", "apps/Deployment", {"spec": "oops"})) == []
	kubernetes.containers(res("x", "apps/Deployment", {"spec": {"template": {"spec": {"containers": "x"}}}})) == []
	kubernetes.containers(res("x", "apps/Deployment", {"spec": {"template": {"spec": {"containers": [1, "a"]}}}})) == []
	kubernetes.containers(res("x", "ray.io/RayCluster", {"spec": {"workerGroupSpecs": 3}})) == []
	kubernetes.containers(res("x", "core/ConfigMap", {"data": {"containers": []}})) == []
}

view := {
	"resources": {
		"llm/Deployment/vllm": deployment,
		"models/InferenceService/llama": isvc,
		"llm/ConfigMap/c": res("llm/ConfigMap/c", "core/ConfigMap", {}),
		"web/Deployment/site": res("web/Deployment/site", "apps/Deployment", {
			"metadata": {"name": "site", "namespace": "web"},
			"spec": {"template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}},
		}),
	},
	"by_type": {
		"apps/Deployment": ["llm/Deployment/vllm", "web/Deployment/site"],
		"serving.kserve.io/InferenceService": ["models/InferenceService/llama"],
		"core/ConfigMap": ["llm/ConfigMap/c"],
	},
}

test_workloads_through_the_index if {
	{r.id | some r in kubernetes.workloads(view)} == {
		"llm/Deployment/vllm",
		"web/Deployment/site",
		"models/InferenceService/llama",
	}
	kubernetes.workloads({}) == []
}

test_model_servers if {
	{r.id | some r in kubernetes.model_servers(view)} == {"llm/Deployment/vllm", "models/InferenceService/llama"}
}

test_model_server_by_image if {
	every image in [
		"vllm/vllm-openai:v0.6.3",
		"nvcr.io/nvidia/tritonserver:24.08-py3",
		"ghcr.io/huggingface/text-generation-inference:2.4.0",
		"pytorch/torchserve:0.12.0-gpu",
		"ollama/ollama:0.3.14",
		"kserve/huggingfaceserver:v0.14.0",
	] {
		kubernetes.model_server_image(image)
	}
	not kubernetes.model_server_image("nginx:1.27")
	not kubernetes.model_server_image(42)
}

test_model_server_by_label if {
	kubernetes.is_model_server(res("x", "apps/Deployment", {
		"metadata": {"labels": {"app.kubernetes.io/name": "triton"}},
		"spec": {"template": {"spec": {"containers": [{"name": "c", "image": "registry.local/serve:1"}]}}},
	}))
	kubernetes.is_model_server(res("x", "apps/Deployment", {"spec": {"template": {
		"metadata": {"labels": {"app": "ray-serve"}},
		"spec": {"containers": [{"name": "c", "image": "registry.local/serve:1"}]},
	}}}))
}

test_model_server_by_gpu if {
	kubernetes.is_model_server(res("x", "apps/StatefulSet", {"spec": {"template": {"spec": {"containers": [{
		"name": "c",
		"image": "registry.local/custom:1",
		"resources": {"limits": {"nvidia.com/gpu": "1"}},
	}]}}}}))
	not kubernetes.is_model_server(res("x", "apps/StatefulSet", {"spec": {"template": {"spec": {"containers": [{
		"name": "c",
		"image": "registry.local/custom:1",
		"resources": {"limits": {"nvidia.com/gpu": "0", "cpu": "2"}},
	}]}}}}))
}

test_namespace_from_metadata_or_id if {
	kubernetes.namespace(deployment) == "llm"
	kubernetes.namespace(res("default/Pod/p", "core/Pod", {"metadata": {"name": "p"}})) == "default"
	not kubernetes.namespace(res("ClusterRole/admin", "rbac.authorization.k8s.io/ClusterRole", {}))
}

test_labels if {
	kubernetes.labels(deployment) == {"team": "ml"}
	kubernetes.labels(res("x", "core/Pod", {"metadata": {"labels": "bad"}})) == {}
	kubernetes.pod_labels(deployment) == [{"app": "llm"}]
	kubernetes.pod_labels(res("x", "core/Pod", {"metadata": {"labels": {"a": "b"}}, "spec": {}})) == [{"a": "b"}]
}

test_selects if {
	kubernetes.selects({"app": "llm"}, {"app": "llm", "tier": "serve"})
	not kubernetes.selects({"app": "llm", "x": "y"}, {"app": "llm"})
	not kubernetes.selects({}, {"app": "llm"})
	not kubernetes.selects("app", {"app": "llm"})
}

test_effective_security_settings if {
	pod := {"path": ["spec"], "spec": {"securityContext": {"runAsNonRoot": true, "runAsUser": 1000}}}
	entry := {"container": {"securityContext": {"runAsUser": 0}}, "pod": pod}
	kubernetes.effective(entry, "runAsUser", null) == 0
	kubernetes.effective(entry, "runAsNonRoot", false) == true
	kubernetes.effective(entry, "readOnlyRootFilesystem", "unset") == "unset"
	bare := {"container": {"securityContext": "bad"}, "pod": {"path": [], "spec": {}}}
	kubernetes.effective(bare, "runAsUser", null) == null
}

test_workload_containers_and_model_server_ids_of_the_input if {
	entries := kubernetes.workload_containers with input as view
	{[e.resource.id, kubernetes.attribute_path(e.path, "image")] | some e in entries} == {
		["llm/Deployment/vllm", "spec.template.spec.initContainers.0.image"],
		["llm/Deployment/vllm", "spec.template.spec.containers.0.image"],
		["llm/Deployment/vllm", "spec.template.spec.containers.1.image"],
		["llm/Deployment/vllm", "spec.template.spec.ephemeralContainers.0.image"],
		["models/InferenceService/llama", "spec.predictor.model.image"],
		["models/InferenceService/llama", "spec.predictor.containers.0.image"],
		["models/InferenceService/llama", "spec.transformer.containers.0.image"],
		["web/Deployment/site", "spec.template.spec.containers.0.image"],
	}
	ids := kubernetes.model_server_ids with input as view
	ids == {"llm/Deployment/vllm", "models/InferenceService/llama"}
}

test_pinned_by_digest if {
	digest := "sha256:3f1c2a9e8b7d6c5f4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e"
	kubernetes.pinned_by_digest(concat("@", ["vllm/vllm-openai:v0.6.3", digest]))
	kubernetes.pinned_by_digest(concat("@", ["registry.local:5000/vllm", digest]))
	not kubernetes.pinned_by_digest("vllm/vllm-openai:v0.6.3")
	not kubernetes.pinned_by_digest("vllm/vllm-openai@sha256:3f1c")
	not kubernetes.pinned_by_digest(concat("@", ["vllm", upper(digest)]))
	not kubernetes.pinned_by_digest(42)
	not kubernetes.pinned_by_digest(concat("@", ["vllm", digest, digest]))
}

test_effective_path if {
	pod := {"path": ["spec"], "spec": {"securityContext": {"runAsUser": 1000}}}
	entry := {"path": ["spec", "containers", 0], "container": {"securityContext": {"privileged": true}}, "pod": pod}
	kubernetes.effective_path(entry, "privileged") == "spec.containers.0.securityContext.privileged"
	kubernetes.effective_path(entry, "runAsUser") == "spec.securityContext.runAsUser"
	kubernetes.effective_path(entry, "runAsNonRoot") == "spec.containers.0.securityContext.runAsNonRoot"
}
