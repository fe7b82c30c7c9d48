/**
 * A port a service is exposed on, as a Kubernetes Service's `spec.ports` entry once the API server has
 * settled it: the service port (its virtual address's, and a LoadBalancer's), the replicas' port, and
 * the port open on every node for types NodePort and LoadBalancer (given, or allocated from the range).
 */
export interface ServicePort {
  readonly name: string | undefined;
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
  readonly port: number;
  readonly targetPort: number;
  /** null for a ClusterIP service. */
  readonly nodePort: number | null;
}
