/** Every R2 key the Worker writes is built here, so the layout is in one place. */

/** A generated file of one generation of a product version. */
export function productFileKey(productId: string, version: number, generation: number, path: string): string {
	return `products/${productId}/v${version}/gen${generation}/files/${path}`;
}

/** The packaged ZIP of a product version (one object per packaging attempt). */
export function packageKey(productId: string, version: number, packageAttempt: number): string {
	return `products/${productId}/v${version}/packages/${packageAttempt}.zip`;
}

/** An artifact a gpu-gateway job uploaded to the edge; `name` is checked safe before this is built. */
export function gpuArtifactKey(jobId: string, name: string): string {
	return `gpu/${jobId}/${name}`;
}
