package lab.grader.harness;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Walks a class's bytecode and hands each thing of interest to a subclass together with where it
 * is, "lab.counter.AtomicCounter.increment (AtomicCounter.java:14)", so that a report can point a
 * student at the line. Used to name exit calls ({@code ExitCalls}) and the locks a counter is built
 * with ({@code CounterTools}). Override what you need; the rest does nothing.
 */
public abstract class BytecodeScan {

    /** A method, before its code: its access flags and its place (without a line). */
    protected void method(int access, String place) {
    }

    /** An instruction without operands (MONITORENTER, say). */
    protected void instruction(int opcode, String place) {
    }

    /** A method call. */
    protected void call(String owner, String name, String place) {
    }

    /**
     * A class the code uses (internal name): the superclass, a type in new/checkcast/instanceof, a
     * field's owner and type, a called method's owner, a method reference's owner.
     */
    protected void usesClass(String internalName, String place) {
    }

    /** Reads the class and reports what it holds, in order. */
    public final void scan(ClassReader reader) {
        String className = reader.getClassName().replace('/', '.');
        if (reader.getSuperName() != null) {
            usesClass(reader.getSuperName(), className);
        }
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            private String source = "?";

            @Override
            public void visitSource(String file, String debug) {
                source = file;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] exceptions) {
                String where = className + "." + name;
                method(access, where + " (" + source + ")");
                return new MethodVisitor(Opcodes.ASM9) {
                    private int line = -1;

                    private String place() {
                        return where + " (" + source + ":" + line + ")";
                    }

                    @Override
                    public void visitLineNumber(int number, Label start) {
                        line = number;
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        instruction(opcode, place());
                    }

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        usesClass(type, place());
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String owner, String field, String fieldDesc) {
                        usesClass(owner, place());
                        Type t = Type.getType(fieldDesc);
                        if (t.getSort() == Type.OBJECT) {
                            usesClass(t.getInternalName(), place());
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String methodDesc, boolean itf) {
                        usesClass(owner, place());
                        call(owner, method, place());
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String indyName, String indyDesc, Handle bootstrap, Object... args) {
                        for (Object a : args) {
                            if (a instanceof Handle h) {
                                usesClass(h.getOwner(), place());
                            }
                        }
                    }
                };
            }
        }, 0);
    }
}
