import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">There is no such page in Warden.</p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-sky-700 hover:underline">
        Back to the overview
      </Link>
    </div>
  );
}
